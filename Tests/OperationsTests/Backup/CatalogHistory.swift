import Foundation
import Synchronization
import VectorEngine

/// The backup catalog's files as they were at each point of a recorded workload.
///
/// The catalog is an SQLite file the engine's syscall layer does not write, so the crash model
/// cannot replay it; instead a copy is taken whenever it changed, from the crash recorder's
/// observer (after each logged call). SQLite commits with `synchronous=FULL`, so a commit is
/// durable when it returns: a crash between logged calls k and k+1 leaves the catalog as it was
/// when call k returned or as it was when call k+1 returned (or, when several commits fell
/// between those two calls, in a state between them that this history does not hold).
final class CatalogHistory: Sendable {
  /// The files copied: the database and its write-ahead log (the shared-memory index is
  /// rebuilt from them when SQLite opens a copy).
  static let files = ["catalog.sqlite", "catalog.sqlite-wal"]

  private let directory: String
  /// (logged calls when copied, the files' bytes), oldest first; plus the stat of the last copy.
  private let copies = Mutex<(entries: [(count: Int, files: [String: Data])], stamp: [String])>(([], []))

  /// A history of the catalog in data directory `directory`, starting with a copy now.
  init(directory: String) {
    self.directory = directory
    observe(0)
  }

  /// Copies the catalog if it changed since the last copy (the recorder's observer).
  func observe(_ count: Int, _ operation: CrashRecorder.Operation? = nil) {
    let stamp = Self.files.map { name -> String in
      let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
      let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
      let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      return "\(size)@\(modified)"
    }
    copies.withLock { copies in
      guard copies.stamp != stamp else { return }
      var files: [String: Data] = [:]
      for name in Self.files { files[name] = FileManager.default.contents(atPath: directory + "/" + name) }
      if copies.entries.last?.files != files { copies.entries.append((count, files)) }
      copies.stamp = stamp
    }
  }

  /// The catalogs a crash after `k` logged calls may leave (one or two).
  func candidates(at k: Int) -> [[String: Data]] {
    copies.withLock { copies in
      let atK = copies.entries.last { $0.count <= k }?.files ?? [:]
      let next = copies.entries.last { $0.count <= k + 1 }?.files ?? [:]
      return atK == next ? [atK] : [atK, next]
    }
  }

  /// Writes catalog `files` into `directory`, replacing any catalog files there.
  static func write(_ files: [String: Data], to directory: String) throws {
    for name in files.keys.sorted() + ["catalog.sqlite-shm"] {
      try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
    for (name, bytes) in files {
      try bytes.write(to: URL(fileURLWithPath: directory + "/" + name))
    }
  }
}
