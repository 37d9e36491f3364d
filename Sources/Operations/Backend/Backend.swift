public import Model

/// What the command language needs from a vector store, shaped after Qdrant's API.
///
/// ``EmbeddedBackend`` serves it from a local data directory. The seam lets a later backend
/// speak to a Qdrant cluster over REST with the same commands and console.
public protocol Backend: AnyObject, Sendable {
  /// Where the data lives (a directory, or a URL for a remote backend).
  var location: String { get }
  /// The engine's version.
  var engineVersion: String { get }
  /// Whether writes are refused.
  var isReadOnly: Bool { get }
  /// What is wrong in the store that does not stop the rest from working (stray files,
  /// damaged aliases), as sentences.
  var problems: [String] { get }

  /// Every collection's name, sorted.
  func collectionNames() throws(StoreError) -> [String]
  /// Creates a collection.
  func createCollection(_ name: String, config: CollectionConfig) throws(StoreError)
  /// Size, configuration and schema of a collection (or of the collection an alias names).
  func collectionInfo(_ name: String) throws(StoreError) -> CollectionInfo
  /// The configuration of a collection (or of the collection an alias names).
  func collectionConfig(_ name: String) throws(StoreError) -> CollectionConfig
  /// Deletes a collection and its aliases.
  func dropCollection(_ name: String) throws(StoreError)
  /// Seals unsealed points into segment files.
  func flush(_ collection: String) throws(StoreError)
  /// Checks every checksum of a collection's files.
  func verify(_ collection: String) throws(StoreError)
  /// Moves the damaged part of a collection's write-ahead log aside (kept, not deleted) so
  /// it opens with the intact records; returns the files moved aside.
  func setAsideDamagedLog(_ collection: String) throws(StoreError) -> [String]
  /// Merges a collection's segments and rebuilds its index.
  func optimize(_ collection: String) throws(StoreError)
  /// Compares index search with exact search on sampled points.
  func measureQuality(
    _ collection: String, sample: Int, limit: Int, ef: Int?, progress: ((Int, Int) -> Void)?
  ) throws(StoreError) -> QualityReport
  /// Sets how many threads build a collection's index.
  func setIndexThreads(_ collection: String, threads: Int) throws(StoreError)

  /// Takes a snapshot of a collection, into `directory` when given (an existing folder),
  /// else into the store's own snapshot folder for the collection.
  func createSnapshot(_ collection: String, in directory: String?) throws(StoreError) -> SnapshotDescription
  /// Takes a full snapshot: every collection and the aliases, into `directory` when given.
  func createFullSnapshot(in directory: String?) throws(StoreError) -> SnapshotDescription
  /// A collection's snapshots in the store's own folder, newest first.
  func snapshots(_ collection: String) throws(StoreError) -> [SnapshotDescription]
  /// The full snapshots in the store's own folder, newest first.
  func fullSnapshots() throws(StoreError) -> [SnapshotDescription]
  /// Verifies a snapshot (a name of the collection's, or a file path).
  func verifySnapshot(_ snapshot: String, collection: String) throws(StoreError) -> SnapshotDescription
  /// Verifies a snapshot file of either kind, reading all of it.
  func verifySnapshotFile(at path: String) throws(StoreError) -> SnapshotDescription
  /// Restores a snapshot, into `target` when given; `replace` confirms overwriting.
  func restoreSnapshot(_ snapshot: String, collection: String, target: String?, replace: Bool) throws(StoreError) -> CollectionInfo
  /// Restores a snapshot file of either kind: a collection snapshot into `target` (default:
  /// its own collection), a full snapshot into every collection it holds (`target` must be
  /// `nil`) with its aliases; `replace` confirms overwriting existing collections.
  func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) throws(StoreError) -> [CollectionInfo]
  /// Deletes a snapshot.
  func deleteSnapshot(_ snapshot: String, collection: String) throws(StoreError)
  /// Deletes a snapshot file of either kind and its sidecar.
  func deleteSnapshotFile(at path: String) throws(StoreError)

  /// Every alias and its collection, sorted by alias.
  func aliases() throws(StoreError) -> [(alias: String, collection: String)]
  /// Points an alias at a collection.
  func createAlias(_ alias: String, collection: String) throws(StoreError)
  /// Removes an alias.
  func dropAlias(_ alias: String) throws(StoreError)

  /// Creates a payload index.
  func createPayloadIndex(collection: String, field: String, type: PayloadIndexType) throws(StoreError)

  /// Inserts or replaces points durably.
  func upsert(collection: String, points: [PointStruct]) throws(StoreError) -> UpdateResult
  /// Points by id, in the order asked; missing ids are left out.
  func retrieve(collection: String, ids: [PointID], withPayload: Bool, withVector: Bool) throws(StoreError) -> [PointRecord]
  /// Deletes points.
  func delete(collection: String, selector: PointSelector) throws(StoreError) -> UpdateResult
  /// Counts points, optionally filtered.
  func count(collection: String, filter: Filter?) throws(StoreError) -> Int
  /// One page of points in id order.
  func scroll(
    collection: String, filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool
  ) throws(StoreError) -> ScrollPage
  /// Merges keys into payloads.
  func setPayload(collection: String, payload: JSONObject, selector: PointSelector) throws(StoreError) -> UpdateResult
  /// Replaces payloads.
  func overwritePayload(collection: String, payload: JSONObject, selector: PointSelector) throws(StoreError) -> UpdateResult
  /// Removes payload keys.
  func deletePayloadKeys(collection: String, keys: [String], selector: PointSelector) throws(StoreError) -> UpdateResult
  /// Nearest-neighbour search.
  func search(collection: String, request: SearchRequest) throws(StoreError) -> [ScoredPoint]
}

extension Backend {
  /// Takes a snapshot of a collection into the store's own snapshot folder.
  public func createSnapshot(_ collection: String) throws(StoreError) -> SnapshotDescription {
    try createSnapshot(collection, in: nil)
  }
}

extension Backend {
  /// Every collection's info, sorted by name; a collection that cannot be opened is listed
  /// red with the reason (``CollectionInfo/unopened(_:problem:)``) instead of failing the
  /// listing, so one damaged collection never hides the others.
  ///
  /// - Throws: ``StoreError`` only when the collections cannot be listed at all.
  public func collectionInfos() throws(StoreError) -> [CollectionInfo] {
    try collectionNames().map { name in
      do throws(StoreError) {
        return try collectionInfo(name)
      } catch {
        return CollectionInfo.unopened(name, problem: error.message)
      }
    }
  }
}
