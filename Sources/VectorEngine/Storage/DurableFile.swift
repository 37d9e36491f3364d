/// Publishes files so that a crash leaves either the old file or the complete new one.
///
/// Protocol (backup-reliability rules, §2.5): write a temporary name in the same directory
/// (O_EXCL, 0600) → write all → fsync(file) → close → rename over the final name →
/// fsync(directory). Nothing may refer to the file before the directory sync returns.
import Model

enum DurableFile {
  /// The prefix of temporary files; anything with it is garbage after a crash.
  static let temporaryPrefix = ".tmp-"

  /// Writes `bytes` to `directory/name` durably and atomically.
  static func publish(_ bytes: [UInt8], as name: String, in directory: String) throws(SystemError) {
    try bytes.withUnsafeBytes { raw in
      Result { () throws(SystemError) in try publish(raw, as: name, in: directory) }
    }.get()
  }

  /// Writes `bytes` to `directory/name` durably and atomically.
  static func publish(_ bytes: UnsafeRawBufferPointer, as name: String, in directory: String)
    throws(SystemError)
  {
    try publish(as: name, in: directory) { (descriptor) throws(SystemError) in
      try descriptor.writeAll(bytes)
    }
  }

  /// Creates `directory/name` durably and atomically with whatever `write` writes into it.
  static func publish(
    as name: String, in directory: String,
    write: (FileDescriptor) throws(SystemError) -> Void
  ) throws(SystemError) {
    let temporary = directory + "/" + temporaryPrefix + name + "-" + String(System.randomUInt32(), radix: 16)
    let descriptor = try System.open(temporary, .writeOnly, create: true, exclusive: true)
    do {
      try write(descriptor)
      try descriptor.sync()
    } catch {
      descriptor.close()
      try? System.removeFileIfPresent(temporary)
      throw error
    }
    descriptor.close()
    do {
      try System.rename(temporary, to: directory + "/" + name)
    } catch {
      try? System.removeFileIfPresent(temporary)
      throw error
    }
    try System.syncDirectory(directory)
  }

  /// Creates the folder `path` and any missing folders above it (mode 0700), syncing the
  /// folder that holds each one it creates, so that a crash cannot lose a folder (and every
  /// file published in it) whose creation was never made durable. Existing folders are left
  /// as they are.
  ///
  /// - Complexity: O(depth of the path).
  static func makeDirectories(_ path: String) throws(SystemError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      let parent = prefix.isEmpty ? "/" : prefix
      prefix += "/" + component
      do {
        try System.makeDirectory(prefix)
      } catch  where error.code == System.errnoExists {
        continue
      }
      try System.syncDirectory(parent)
    }
  }

  /// Reads a whole file that the manifest says must exist; a missing file is corruption.
  ///
  /// - Complexity: O(file size).
  static func readRequired(_ path: String) throws(StoreError) -> [UInt8] {
    do {
      let descriptor = try System.open(path, .readOnly)
      defer { descriptor.close() }
      return try descriptor.readAll()
    } catch {
      if error.code == System.errnoNotFound {
        throw StoreError(.corrupted, "corrupt data: \(path) is missing")
      }
      throw StoreError.from(error)
    }
  }

  /// Removes leftover temporary files in `directory` from an interrupted publish.
  static func removeLeftovers(in directory: String) throws(SystemError) {
    for name in try System.listDirectory(directory) where name.hasPrefix(temporaryPrefix) {
      try System.removeFileIfPresent(directory + "/" + name)
    }
  }
}
