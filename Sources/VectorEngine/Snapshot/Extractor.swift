// Writing the files of a snapshot archive out during `SnapshotArchive`'s scan: created
// exclusively under a fresh root folder, fsynced file by file, then every created folder.

/// Creates the extracted files under a fresh root folder, exclusively and durably.
///
/// Each finished file is fsynced on another thread while the next one is written; at most
/// one such sync is pending, and ``syncDirectories()`` waits for it.
final class Extractor {
  let root: String
  let archive: String
  private var createdDirectories: [String] = []
  private var knownDirectories: Set<String> = []
  private var current: FileDescriptor?
  private var pending: (sync: BackgroundSync, file: FileDescriptor)?
  private var written = 0
  private var writebackStart = 0

  init(root: String, archive: String) {
    self.root = root
    self.archive = archive
  }

  deinit {
    // Files left open by a failed extraction; the caller removes their folder.
    current?.close()
    if let pending {
      try? pending.sync.wait()
      pending.file.close()
    }
  }

  /// Creates the file for `name` (and its folders); `name` is already validated.
  func begin(_ name: String) throws(SnapshotError) {
    let segments = name.split(separator: "/").map(String.init)
    var folder = root
    do {
      for segment in segments.dropLast() {
        folder += "/" + segment
        if knownDirectories.insert(folder).inserted {
          try System.makeDirectory(folder)
          createdDirectories.append(folder)
        }
      }
      current = try System.open(root + "/" + name, .writeOnly, create: true, exclusive: true)
      written = 0
      writebackStart = 0
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Writes bytes of the current file, asking the kernel to start writing them to disk every
  /// few megabytes so the final fsync has less left.
  func write(_ chunk: UnsafeRawBufferPointer) throws(SnapshotError) {
    guard let current else { return }
    do {
      try current.writeAll(chunk)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    written += chunk.count
    if written - writebackStart >= SnapshotArchive.writebackInterval {
      current.startWriteback(offset: writebackStart, length: written - writebackStart)
      writebackStart = written
    }
  }

  /// Starts syncing the current file on another thread, after the previous file's sync ends.
  func end() throws(SnapshotError) {
    guard let file = current else { return }
    current = nil
    try finishPendingSync()
    pending = (file.syncInBackground(), file)
  }

  /// Waits for the pending file sync and closes that file.
  private func finishPendingSync() throws(SnapshotError) {
    guard let (sync, file) = pending else { return }
    pending = nil
    defer { file.close() }
    do {
      try sync.wait()
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Waits for the last file's sync, then syncs every created folder, deepest first, then the
  /// root.
  func syncDirectories() throws(SnapshotError) {
    try finishPendingSync()
    do {
      for folder in createdDirectories.reversed() { try System.syncDirectory(folder) }
      try System.syncDirectory(root)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }
}
