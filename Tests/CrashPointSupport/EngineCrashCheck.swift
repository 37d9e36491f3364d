import Foundation
import VectorEngine
@testable import Model

/// What every crash state of a data directory must satisfy.
///
/// The directory opens for writing, and every collection in it opens, without any repair
/// other than dropping a torn log tail or removing files an interrupted change left; every
/// segment verifies; the content is one of the acceptable ones, exactly (no half batch, no
/// lost acknowledged write, no restore half applied); every snapshot listed verifies; and
/// each collection takes a new write that survives a reopen.
package enum EngineCrashCheck {
  /// Recovery notes that are not repairs: an interrupted change's leftovers removed, a torn
  /// log tail dropped.
  static let allowedNotes = [
    "removed a file left by an interrupted change",
    "of an incomplete record at the end (a write interrupted by a crash; it was never acknowledged)",
  ]

  /// The id of the point each check writes to prove the collection takes writes.
  static let probe = PointID.number(UInt64.max)

  /// Opens the data directory at `directory` and checks it.
  ///
  /// - Parameter acceptable: The contents a crash here may leave; the content found must
  ///   equal one of them.
  /// - Returns: The content found.
  /// - Throws: ``CrashCheckFailure`` naming the first broken promise, or the engine's error
  ///   when the directory or a collection does not open.
  @discardableResult
  package static func check(directory: String, acceptable: [DatabaseContent]) throws -> DatabaseContent {
    let content: DatabaseContent
    do {
      let database = try Database(directory: directory)
      defer { try? database.close() }
      let names = try database.collectionNames()
      for name in names { try database.collection(name).verify() }
      let repairs = database.recoveryNotes.filter { note in !allowedNotes.contains { note.contains($0) } }
      guard repairs.isEmpty else { throw CrashCheckFailure("opened with repairs: \(repairs.joined(separator: "; "))") }
      guard database.problems.isEmpty else {
        throw CrashCheckFailure("problems: \(database.problems.joined(separator: "; "))")
      }
      var found = try DatabaseContent.read(database)
      found.snapshots = try verifySnapshots(database, directory: directory)
      guard acceptable.contains(where: found.keeps) else {
        let differences = acceptable.map { found.difference(from: $0) }
        throw CrashCheckFailure("unexpected content: \(differences.joined(separator: " | or | "))")
      }
      content = found
      for name in names {
        let collection = try database.collection(name)
        try collection.upsert([
          PointStruct(id: probe, vector: Array(repeating: 0.5, count: collection.config.dimension))
        ])
      }
      try database.close()
    }
    // Other tests in this process start programs, and a child that has not yet reached exec
    // holds a copy of every descriptor for a moment, the lock's too: the reopen takes a fresh
    // lock file rather than wait for that copy to go. Nothing else uses this directory.
    try FileManager.default.removeItem(atPath: directory + "/LOCK")
    let reopened = try Database(directory: directory)
    defer { try? reopened.close() }
    for name in content.collections.keys.sorted() {
      guard try reopened.collection(name).retrieve([probe]).count == 1 else {
        throw CrashCheckFailure("a write after recovery was lost by the next open of collection \(name)")
      }
    }
    return content
  }

  /// Verifies every snapshot listed in the data directory (of every collection folder under
  /// `snapshots/`, and the full ones).
  ///
  /// - Returns: The paths of the snapshots listed, relative to `directory`.
  static func verifySnapshots(_ database: Database, directory: String) throws -> Set<String> {
    let folder = directory + "/snapshots"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var listed = try database.fullSnapshots()
    for name in names.sorted() where !name.hasPrefix(".") {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), isFolder.boolValue
      else { continue }
      listed += try database.snapshots(of: name)
    }
    for snapshot in listed {
      do {
        _ = try database.verifySnapshotFile(at: snapshot.path)
      } catch {
        throw CrashCheckFailure("listed snapshot \(snapshot.name) does not verify: \(error.message)")
      }
    }
    return Set(listed.map { DatabaseContent.relative($0.path, to: directory) })
  }
}
