import Foundation
public import VectorEngine
import Model

/// A ``Backend`` served by the embedded engine from a data directory: it has every
/// capability. Only ``BackendChoice`` names it; everything else sees `any Backend`.
public final class EmbeddedBackend: CollectionReading, CollectionWriting, PointReading, PointWriting,
  SnapshotReading, SnapshotWriting, MaintenanceReading, MaintenanceWriting, BackupKeeping
{
  /// The open database.
  public let database: Database

  /// Wraps an open database.
  public init(database: Database) {
    self.database = database
  }

  /// Opens the data directory (taking its lock unless `readOnly`).
  public convenience init(directory: String, readOnly: Bool = false) throws(StoreError) {
    self.init(database: try Database(directory: directory, readOnly: readOnly))
  }

  /// The data directory.
  public var location: String { database.directory }
  /// The engine's version.
  public var version: String { Database.engineVersion }
  /// Whether writes are refused.
  public var isReadOnly: Bool { database.isReadOnly }
  /// What is wrong in the data directory that does not stop the rest from working.
  public var problems: [String] { database.problems }
  /// What recovery did when the data directory was opened.
  public var openingNotes: [String] { database.recoveryNotes }
  /// The data directory: backups live in its `backups/` folder.
  public var backupHome: String { database.directory }

  /// Every collection's name, sorted.
  public func collectionNames() throws(StoreError) -> [String] { try database.collectionNames() }

  /// Creates a collection.
  public func createCollection(_ name: String, config: CollectionConfig) throws(StoreError) {
    try database.createCollection(name, config: config)
  }

  /// Size, configuration, schema and aliases of a collection.
  public func collectionInfo(_ name: String) throws(StoreError) -> CollectionInfo {
    var info = try database.collection(name).info()
    info.aliases = database.aliases(of: info.name)
    return info
  }

  /// The configuration of a collection.
  public func collectionConfig(_ name: String) throws(StoreError) -> CollectionConfig {
    try database.collection(name).config
  }

  /// Deletes a collection and its aliases.
  public func dropCollection(_ name: String) throws(StoreError) { try database.dropCollection(name) }

  /// Seals unsealed points into segment files.
  public func flush(_ collection: String) throws(StoreError) { try database.collection(collection).flush() }

  /// Checks every checksum of a collection's files.
  public func verify(_ collection: String) throws(StoreError) { try database.collection(collection).verify() }

  /// Moves the damaged part of a collection's write-ahead log aside.
  public func setAsideDamagedLog(_ collection: String) throws(StoreError) -> [String] {
    try database.setAsideDamagedLog(of: collection)
  }

  /// Merges a collection's segments and rebuilds its index.
  public func optimize(_ collection: String) throws(StoreError) { try database.collection(collection).optimize() }

  /// Compares index search with exact search on sampled points.
  public func measureQuality(
    _ collection: String, sample: Int, limit: Int, ef: Int?, progress: (@Sendable (Int, Int) -> Void)?
  ) throws(StoreError) -> QualityReport {
    try database.collection(collection).measureQuality(sample: sample, limit: limit, ef: ef, progress: progress)
  }

  /// Sets how many threads build a collection's index.
  public func setIndexThreads(_ collection: String, threads: Int) throws(StoreError) {
    try database.collection(collection).setIndexThreads(threads)
  }

  /// Takes a snapshot of a collection.
  public func createSnapshot(_ collection: String, in directory: String?) throws(StoreError) -> SnapshotDescription {
    try database.createSnapshot(of: collection, in: directory)
  }

  /// Takes a full snapshot.
  public func createFullSnapshot(in directory: String?) throws(StoreError) -> SnapshotDescription {
    try database.createFullSnapshot(in: directory)
  }

  /// `<data>/snapshots`.
  public var snapshotsDirectory: String { database.snapshotsDirectory }

  /// A collection's snapshots, newest first.
  public func snapshots(_ collection: String) throws(StoreError) -> [SnapshotDescription] {
    try database.snapshots(of: collection)
  }

  /// The full snapshots, newest first.
  public func fullSnapshots() throws(StoreError) -> [SnapshotDescription] {
    try database.fullSnapshots()
  }

  /// Verifies a snapshot.
  public func verifySnapshot(_ snapshot: String, collection: String) throws(StoreError) -> SnapshotDescription {
    try database.verifySnapshot(snapshot, of: collection)
  }

  /// Verifies a snapshot file of either kind.
  public func verifySnapshotFile(at path: String) throws(StoreError) -> SnapshotDescription {
    try database.verifySnapshotFile(at: path)
  }

  /// Restores a snapshot.
  public func restoreSnapshot(_ snapshot: String, collection: String, target: String?, replace: Bool) throws(StoreError)
    -> CollectionInfo
  {
    var info = try database.restoreSnapshot(snapshot, of: collection, as: target, replace: replace)
    info.aliases = database.aliases(of: info.name)
    return info
  }

  /// Restores a snapshot file of either kind.
  public func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) throws(StoreError)
    -> [CollectionInfo]
  {
    try database.restoreSnapshotFile(at: path, as: target, replace: replace).map { info in
      var info = info
      info.aliases = database.aliases(of: info.name)
      return info
    }
  }

  /// Deletes a snapshot.
  public func deleteSnapshot(_ snapshot: String, collection: String) throws(StoreError) {
    try database.deleteSnapshot(snapshot, of: collection)
  }

  /// Deletes a snapshot file of either kind.
  public func deleteSnapshotFile(at path: String) throws(StoreError) {
    try database.deleteSnapshotFile(at: path)
  }

  /// `<data>/snapshots/.staging/upload-<uuid>.snapshot`.
  public func stageSnapshotFile() throws(StoreError) -> String {
    let folder = database.snapshotsDirectory + "/.staging"
    try FileOperations.makeDirectories(folder)
    return folder + "/upload-" + UUID().uuidString.lowercased() + ".snapshot"
  }

  /// Removes a staged upload.
  public func discardStagedSnapshot(at path: String) {
    try? FileOperations.removeFileIfPresent(path)
  }

  /// Every alias and its collection.
  public func aliases() throws(StoreError) -> [(alias: String, collection: String)] { try database.aliases() }

  /// Points an alias at a collection.
  public func createAlias(_ alias: String, collection: String) throws(StoreError) {
    try database.createAlias(alias, for: collection)
  }

  /// Removes an alias.
  public func dropAlias(_ alias: String) throws(StoreError) { try database.dropAlias(alias) }

  /// Creates a payload index.
  public func createPayloadIndex(collection: String, field: String, type: PayloadIndexType) throws(StoreError) {
    try database.collection(collection).createPayloadIndex(field: field, type: type)
  }

  /// Inserts or replaces points durably.
  public func upsert(collection: String, points: [PointStruct]) throws(StoreError) -> UpdateResult {
    try database.collection(collection).upsert(points)
  }

  /// Points by id.
  public func retrieve(collection: String, ids: [PointID], withPayload: Bool, withVector: Bool) throws(StoreError)
    -> [PointRecord]
  {
    try database.collection(collection).retrieve(ids, withPayload: withPayload, withVector: withVector)
  }

  /// Deletes points.
  public func delete(collection: String, selector: PointSelector) throws(StoreError) -> UpdateResult {
    try database.collection(collection).delete(selector)
  }

  /// Counts points.
  public func count(collection: String, filter: Filter?) throws(StoreError) -> Int {
    try database.collection(collection).count(filter: filter)
  }

  /// One page of points in id order.
  public func scroll(
    collection: String, filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool
  ) throws(StoreError) -> ScrollPage {
    try database.collection(collection).scroll(
      filter: filter, offset: offset, limit: limit, withPayload: withPayload, withVector: withVector)
  }

  /// Merges keys into payloads.
  public func setPayload(collection: String, payload: JSONObject, selector: PointSelector) throws(StoreError)
    -> UpdateResult
  {
    try database.collection(collection).setPayload(payload, on: selector)
  }

  /// Replaces payloads.
  public func overwritePayload(collection: String, payload: JSONObject, selector: PointSelector) throws(StoreError)
    -> UpdateResult
  {
    try database.collection(collection).overwritePayload(payload, on: selector)
  }

  /// Removes payload keys.
  public func deletePayloadKeys(collection: String, keys: [String], selector: PointSelector) throws(StoreError)
    -> UpdateResult
  {
    try database.collection(collection).deletePayloadKeys(keys, on: selector)
  }

  /// Nearest-neighbour search.
  public func search(collection: String, request: SearchRequest) throws(StoreError) -> [ScoredPoint] {
    try database.collection(collection).search(request)
  }
}
