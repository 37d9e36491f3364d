/// An open collection: points with one dense vector and a JSON payload each.
///
/// Every method is thread-safe (one lock per collection). Writes return only after the
/// operation is in the write-ahead log and fsynced, so an acknowledged write survives a crash.
public final class VectorCollection: @unchecked Sendable {
  /// The collection's name.
  public let name: String
  /// Guards every access to `store`.
  private let lock = Lock()
  private let store: CollectionStore

  init(store: CollectionStore) {
    name = store.name
    self.store = store
  }

  private func withStore<R>(_ body: (CollectionStore) throws(EngineError) -> R) throws(EngineError) -> R {
    try lock.withLock { () throws(EngineError) -> R in
      guard !store.isDropped else { throw EngineError(.notFound, "collection \(name) was dropped") }
      return try body(store)
    }
  }

  /// The collection's configuration.
  public var config: CollectionConfig {
    lock.withLock { store.config }
  }

  /// Repairs made while opening the collection (e.g. a torn WAL tail), as sentences.
  public var recoveryNotes: [String] {
    lock.withLock { store.notes }
  }

  // MARK: Writes

  /// Inserts or replaces points; within one call a repeated id keeps its last occurrence.
  ///
  /// The call is atomic: after a crash either all of it is visible or none.
  ///
  /// - Throws: ``EngineError`` `invalidInput` (wrong dimension, non-finite component, a payload
  ///   value whose type contradicts a payload index), naming the point; storage errors.
  /// - Complexity: O(n · d).
  @discardableResult
  public func upsert(_ points: [PointStruct]) throws(EngineError) -> UpdateResult {
    try withStore { (store) throws(EngineError) in
      let prepared = try store.prepareUpsert(points)
      guard !prepared.isEmpty else { return UpdateResult(operationID: 0, affected: 0) }
      let sequence = try store.perform(.upsert(prepared))
      return UpdateResult(operationID: sequence, affected: prepared.count)
    }
  }

  /// Deletes the selected points.
  @discardableResult
  public func delete(_ selector: PointSelector) throws(EngineError) -> UpdateResult {
    try withStore { (store) throws(EngineError) in
      let ids = try store.resolve(selector)
      guard !ids.isEmpty else { return UpdateResult(operationID: 0, affected: 0) }
      return UpdateResult(operationID: try store.perform(.delete(ids)), affected: ids.count)
    }
  }

  /// Merges `payload`'s keys into the selected points' payloads (Qdrant's set payload).
  @discardableResult
  public func setPayload(_ payload: JSONObject, on selector: PointSelector) throws(EngineError) -> UpdateResult {
    try withStore { (store) throws(EngineError) in
      try store.checkIndexedTypes(payload, id: nil)
      let ids = try store.resolve(selector)
      guard !ids.isEmpty else { return UpdateResult(operationID: 0, affected: 0) }
      return UpdateResult(operationID: try store.perform(.setPayload(ids: ids, payload: payload)), affected: ids.count)
    }
  }

  /// Replaces the selected points' payloads with `payload`.
  @discardableResult
  public func overwritePayload(_ payload: JSONObject, on selector: PointSelector) throws(EngineError) -> UpdateResult {
    try withStore { (store) throws(EngineError) in
      try store.checkIndexedTypes(payload, id: nil)
      let ids = try store.resolve(selector)
      guard !ids.isEmpty else { return UpdateResult(operationID: 0, affected: 0) }
      return UpdateResult(operationID: try store.perform(.overwritePayload(ids: ids, payload: payload)), affected: ids.count)
    }
  }

  /// Removes top-level `keys` from the selected points' payloads.
  @discardableResult
  public func deletePayloadKeys(_ keys: [String], on selector: PointSelector) throws(EngineError) -> UpdateResult {
    try withStore { (store) throws(EngineError) in
      let ids = try store.resolve(selector)
      guard !ids.isEmpty, !keys.isEmpty else { return UpdateResult(operationID: 0, affected: 0) }
      return UpdateResult(operationID: try store.perform(.deletePayloadKeys(ids: ids, keys: keys)), affected: ids.count)
    }
  }

  /// Creates a payload index on `field` (a dotted path) over every point.
  ///
  /// - Throws: ``EngineError`` `invalidInput` if a point has a value of another type there.
  /// - Complexity: O(n) payload reads.
  public func createPayloadIndex(field: String, type: PayloadIndexType) throws(EngineError) {
    try withStore { (store) throws(EngineError) in try store.createIndex(field: field, type: type) }
  }

  /// Seals the points waiting in the write-ahead log into a segment file now.
  public func flush() throws(EngineError) {
    try withStore { (store) throws(EngineError) in try store.seal() }
  }

  // MARK: Reads

  /// The points with these ids, in the order asked; missing ids are left out.
  ///
  /// - Complexity: O(k · s log n).
  public func retrieve(_ ids: [PointID], withPayload: Bool = true, withVector: Bool = false) throws(EngineError) -> [PointRecord] {
    try withStore { (store) throws(EngineError) in
      var records: [PointRecord] = []
      for id in ids {
        guard let location = store.locate(id) else { continue }
        records.append(try store.record(at: location, id: id, withPayload: withPayload, withVector: withVector))
      }
      return records
    }
  }

  /// The number of points, or of points matching `filter`.
  ///
  /// - Complexity: O(1) without a filter, O(n) with one.
  public func count(filter: Filter? = nil) throws(EngineError) -> Int {
    try withStore { (store) throws(EngineError) in try store.count(filter) }
  }

  /// One page of points in ascending id order, starting at `offset` (inclusive).
  ///
  /// - Complexity: O(rows visited · segments).
  public func scroll(
    filter: Filter? = nil, offset: PointID? = nil, limit: Int = 10, withPayload: Bool = true,
    withVector: Bool = false
  ) throws(EngineError) -> ScrollPage {
    guard limit >= 0 else { throw EngineError(.invalidInput, "limit must not be negative") }
    return try withStore { (store) throws(EngineError) in
      try store.scroll(filter: filter, offset: offset, limit: limit, withPayload: withPayload, withVector: withVector)
    }
  }

  /// The nearest points to a vector or to a stored point.
  ///
  /// Until the HNSW index exists every search is exact: a scan of all points.
  ///
  /// - Complexity: O(n · d).
  public func search(_ request: SearchRequest) throws(EngineError) -> [ScoredPoint] {
    guard request.limit >= 0 else { throw EngineError(.invalidInput, "limit must not be negative") }
    return try withStore { (store) throws(EngineError) in
      let query: [Float]
      var excluded: PointID?
      switch request.query {
      case .vector(let vector):
        query = try store.prepareVector(vector, context: "query vector")
      case .point(let id):
        guard let location = store.locate(id) else {
          throw EngineError(.notFound, "point \(id) not found in collection \(name)")
        }
        query = store.vector(at: location)
        excluded = id
      }
      return try store.exactSearch(
        query, filter: request.filter, limit: request.limit, excluding: excluded,
        withPayload: request.withPayload, withVector: request.withVector)
    }
  }

  /// Size, shape and payload schema of the collection (aliases are filled in by the database).
  public func info() throws(EngineError) -> CollectionInfo {
    try withStore { (store) throws(EngineError) in try store.info() }
  }

  /// Checks every checksum of every segment file.
  ///
  /// - Complexity: O(size of the collection's files).
  public func verify() throws(EngineError) {
    try withStore { (store) throws(EngineError) in
      for segment in store.sealed { try segment.verify() }
    }
  }

  func close() throws(EngineError) {
    try lock.withLock { () throws(EngineError) in try store.close() }
  }

  func markDropped() {
    lock.withLock { store.isDropped = true }
  }
}
