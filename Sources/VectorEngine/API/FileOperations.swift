/// The few file-system operations the layers above the engine need for their own folders
/// (backup folders, the catalog file), with the engine's modes (folders 0700, files 0600) and
/// typed errors. The engine keeps its own files to itself.
import Model

public enum FileOperations {
  /// Creates `path` and any missing parent folders with mode 0700, each made durable (the
  /// folder holding it is synced) before the call returns.
  ///
  /// - Complexity: O(depth of the path).
  public static func makeDirectories(_ path: String) throws(StoreError) {
    do {
      try DurableFile.makeDirectories(path)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Removes the file at `path`; nothing when there is none.
  public static func removeFileIfPresent(_ path: String) throws(StoreError) {
    do {
      try System.removeFileIfPresent(path)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Creates an empty file with mode 0600 unless something exists at `path`.
  public static func createFileIfMissing(_ path: String) throws(StoreError) {
    do {
      guard try System.kindOfEntry(path) == nil else { return }
      let descriptor = try System.open(path, .readWrite, create: true)
      descriptor.close()
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Publishes the finished file `temporary` as `path` unless something already exists
  /// there, then removes the temporary name and flushes the folder: of several processes
  /// creating the same file at once, exactly one publishes and the others use its file.
  ///
  /// - Returns: whether `temporary` became `path`.
  /// - Throws: ``StoreError`` `io` (both names in the same folder).
  public static func publishUnlessPresent(_ temporary: String, as path: String) throws(StoreError) -> Bool {
    do {
      var published = true
      do {
        try System.link(temporary, to: path)
      } catch  where error.code == System.errnoExists {
        published = false
      }
      try System.removeFileIfPresent(temporary)
      try System.syncDirectory(SnapshotArchive.split(path).directory)
      return published
    } catch {
      try? System.removeFileIfPresent(temporary)
      throw StoreError.from(error)
    }
  }

  /// Removes a file or a folder with everything below it (links are removed, not followed),
  /// then flushes the parent folder. Nothing at `path` is not an error.
  ///
  /// - Complexity: O(entries below `path`).
  public static func removeTree(_ path: String) throws(StoreError) {
    do {
      try System.removeTree(path)
      try System.syncDirectory(SnapshotArchive.split(path).directory)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Removes a folder that holds nothing but regular files `accept` recognizes: each file,
  /// then the empty folder, then flushes the parent folder. Nothing at `path` is not an error.
  ///
  /// Every entry is checked before anything is removed, so a refusal leaves everything as it
  /// was. A symbolic link at `path` is refused, not followed, and nothing below the folder is
  /// descended into: unlike ``removeTree(_:)`` this never removes more than the caller expects.
  ///
  /// - Parameter accept: whether a file name belongs in the folder.
  /// - Throws: ``StoreError`` `invalidInput` when `path` is not a folder or holds another
  ///   entry (both named in the message); `io`.
  /// - Complexity: O(entries in the folder).
  public static func removeFolderOfFiles(_ path: String, accepting accept: (String) -> Bool) throws(StoreError) {
    do {
      switch try System.kindOfEntry(path) {
      case nil: return
      case .directory: break
      case .symbolicLink: throw StoreError(.invalidInput, "\(path) is a symbolic link, not a folder")
      default: throw StoreError(.invalidInput, "\(path) is not a folder")
      }
      let names = try System.listDirectory(path)
      for name in names {
        guard try System.kindOfEntry(path + "/" + name) == .file, accept(name) else {
          throw StoreError(.invalidInput, "\(path) holds \(name.debugDescription), which does not belong there")
        }
      }
      for name in names { try System.removeFileIfPresent(path + "/" + name) }
      try System.removeDirectory(path)
      try System.syncDirectory(SnapshotArchive.split(path).directory)
    } catch let error as StoreError {
      throw error
    } catch let error as SystemError {
      throw StoreError.from(error)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Whether anything exists at `path` (a final symbolic link is not followed).
  public static func exists(_ path: String) -> Bool {
    ((try? System.kindOfEntry(path)) ?? nil) != nil
  }

  /// Whether `path` is a folder.
  public static func isDirectory(_ path: String) -> Bool {
    ((try? System.kindOfEntry(path)) ?? nil) == .directory
  }

  /// The names in a folder, sorted; empty when it does not exist.
  ///
  /// - Complexity: O(n log n) in the number of entries.
  public static func list(_ path: String) throws(StoreError) -> [String] {
    guard isDirectory(path) else { return [] }
    do {
      return try System.listDirectory(path)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// The first `count` bytes of the file at `path` (fewer when it is shorter).
  ///
  /// - Throws: ``StoreError`` `notFound` when there is no file, `io`.
  public static func readPrefix(_ path: String, count: Int) throws(StoreError) -> [UInt8] {
    do {
      let descriptor = try System.open(path, .readOnly)
      defer { descriptor.close() }
      var bytes = [UInt8](repeating: 0, count: max(0, count))
      let read = try bytes.withUnsafeMutableBytes { buffer in
        Result { () throws(SystemError) in try descriptor.read(into: buffer, at: 0) }
      }.get()
      return Array(bytes[..<read])
    } catch {
      if error.code == System.errnoNotFound { throw StoreError(.notFound, "\(path) does not exist") }
      throw StoreError.from(error)
    }
  }

  /// The size of the file at `path` in bytes, or `nil` when there is none.
  public static func size(_ path: String) -> Int? {
    (try? System.fileSize(path)) ?? nil
  }
}
