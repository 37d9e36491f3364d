/// The few file-system operations the layers above the engine need for their own folders
/// (backup folders, the catalog file), with the engine's modes (folders 0700, files 0600) and
/// typed errors. The engine keeps its own files to itself.
public enum FileOperations {
  /// Creates `path` and any missing parent folders with mode 0700.
  ///
  /// - Complexity: O(depth of the path).
  public static func makeDirectories(_ path: String) throws(EngineError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      do {
        try System.makeDirectoryIfMissing(prefix)
      } catch {
        throw EngineError.from(error)
      }
    }
  }

  /// Creates an empty file with mode 0600 unless something exists at `path`.
  public static func createFileIfMissing(_ path: String) throws(EngineError) {
    do {
      guard try System.kindOfEntry(path) == nil else { return }
      let descriptor = try System.open(path, .readWrite, create: true)
      descriptor.close()
    } catch {
      throw EngineError.from(error)
    }
  }

  /// Removes a file or a folder with everything below it (links are removed, not followed),
  /// then flushes the parent folder. Nothing at `path` is not an error.
  ///
  /// - Complexity: O(entries below `path`).
  public static func removeTree(_ path: String) throws(EngineError) {
    do {
      try System.removeTree(path)
      try System.syncDirectory(SnapshotArchive.split(path).directory)
    } catch {
      throw EngineError.from(error)
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
  public static func list(_ path: String) throws(EngineError) -> [String] {
    guard isDirectory(path) else { return [] }
    do {
      return try System.listDirectory(path)
    } catch {
      throw EngineError.from(error)
    }
  }

  /// The size of the file at `path` in bytes, or `nil` when there is none.
  public static func size(_ path: String) -> Int? {
    (try? System.fileSize(path)) ?? nil
  }
}
