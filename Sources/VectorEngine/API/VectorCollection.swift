import Dispatch
import Model

/// An open collection: points with one dense vector and a JSON payload each.
///
/// Every method is thread-safe: one read-write lock per collection, so searches, counts and
/// retrievals run at once on every core while a write waits for them and holds the collection
/// alone. Writes return only after the operation is in the write-ahead log and fsynced, so an
/// acknowledged write survives a crash.
///
/// Thread safety: `store` is touched only inside `lock`; a reader calls only methods of the
/// store that change nothing (search, count, locate, record, info, sampling), a writer anything.
/// Every change also holds `writers` (taken before `lock`, never after). A point write holds
/// it for its WAL write and apply (and the seal that may follow), then waits for the fsync
/// holding nothing, so the next writers go on and share it. A seal, a snapshot's seal and an
/// optimization hold `writers` while they build the new segment but let go of `lock`, taking
/// it again only to switch to the segment: readers run meanwhile, and no other change comes in
/// between.
public final class VectorCollection: @unchecked Sendable {
  /// The collection's name.
  public let name: String
  /// The collection's state, touched only while holding `lock`.
  private let store: CollectionStore
  private let lock = ReadWriteLock()
  /// Held by every change, for its whole length (see the type's thread-safety note); taken
  /// only for writing, so it is a plain mutual exclusion.
  private let writers = ReadWriteLock()
  /// Background optimizations and scrubs in flight (waited for by `close`).
  private let background = DispatchGroup()
  private static let optimizerQueue = DispatchQueue(label: "ragops.optimizer", qos: .utility)
  /// Set by `close` and on release: a scrub in progress stops.
  private let stopScrubs = SegmentScrub.StopFlag()

  /// Wraps an open store; with `scrub`, starts checking every sealed segment's checksums in
  /// the background (see ``startScrub()``).
  init(store: CollectionStore, scrub: Bool = true) {
    name = store.name
    self.store = store
    if scrub { startScrub() }
  }

  deinit {
    stopScrubs.set()
  }

  /// Why the collection is damaged (a checksum that failed in a scrub or a verification), or
  /// `nil`; shown as status red.
  public var problem: String? {
    lock.reading { store.problem }
  }

  /// Checks, on a background queue, the checksums of every sealed segment not checked when
  /// it was opened (vectors and payloads of `mmap` segments), reading the files without the
  /// collection's lock; the first failure marks the collection damaged (``problem``). It
  /// holds no reference to the collection while it reads, and stops when the collection is
  /// closed or released.
  ///
  /// - Complexity: O(size of the segment files), off the caller's thread.
  private func startScrub() {
    let scrubs = lock.reading { store.config.storage == .memory ? [] : store.sealed.map(\.scrub) }
    guard !scrubs.isEmpty else { return }
    let stop = stopScrubs
    background.enter()
    Self.optimizerQueue.async { [weak self, background] in
      defer { background.leave() }
      for scrub in scrubs {
        guard let problem = scrub.problem(stoppingAt: stop) else { continue }
        self?.recordScrubProblem(problem, path: scrub.path)
        return
      }
    }
  }

  private func recordScrubProblem(_ problem: String, path: String) {
    exclusively {
      if store.problem == nil, store.sealed.contains(where: { $0.path == path }) { store.problem = problem }
    }
  }

  /// Waits for background work (scrub, optimization) to finish.
  func waitForBackgroundWork() {
    background.wait()
  }

  /// Runs `body` holding the collection alone (changes, and reads that fill caches).
  private func withStore<R>(_ body: (CollectionStore) throws(StoreError) -> R) throws(StoreError) -> R {
    try exclusively { () throws(StoreError) -> R in
      guard !store.isDropped else { throw StoreError(.notFound, "collection \(name) was dropped") }
      return try body(store)
    }
  }

  /// Runs `body` holding `writers` and `lock` for writing.
  private func exclusively<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
    try writers.writing { () throws(E) -> R in
      try lock.writing { () throws(E) -> R in try body() }
    }
  }

  /// A point write: `prepare` (holding the collection alone) checks the request against the
  /// store and returns the operation to log with the number of points it touches, or `nil`
  /// for nothing to do; the operation is written to the WAL and applied (sealing a full
  /// appendable segment), then made durable outside every lock, sharing the fsync with the
  /// writers waiting at the same time.
  private func logAndApply(
    _ prepare: (CollectionStore) throws(StoreError) -> (operation: CollectionOperation, affected: Int)?
  ) throws(StoreError) -> UpdateResult {
    let applied = try writers.writing { () throws(StoreError) -> (CollectionStore.LoggedOperation, Int)? in
      let logged = try lock.writing { () throws(StoreError) -> (CollectionStore.LoggedOperation, Int, Bool)? in
        guard !store.isDropped else { throw StoreError(.notFound, "collection \(name) was dropped") }
        guard let prepared = try prepare(store) else { return nil }
        let logged = try store.log(prepared.operation)
        return (logged, prepared.affected, store.applyLogged(prepared.operation))
      }
      guard let (operation, affected, sealDue) = logged else { return nil }
      if sealDue {
        // A failed seal is a note (the write is in the log), and the seal is tried again on
        // the next write (or at close).
        do throws(StoreError) {
          try sealLettingReadersIn()
        } catch {
          lock.writing { store.recordNote("sealing collection \(name) failed and will be retried: \(error.message)") }
        }
      }
      return (operation, affected)
    }
    guard let (operation, affected) = applied else { return UpdateResult(operationID: 0, affected: 0) }
    try operation.waitUntilDurable()
    return UpdateResult(operationID: operation.sequence, affected: affected)
  }

  /// Seals the appendable segment (the caller holds `writers`): the segment file and its
  /// graph are built while readers run; only the switch to the new segment keeps them out.
  private func sealLettingReadersIn() throws(StoreError) {
    let rows = try lock.writing { () throws(StoreError) -> [Int] in
      guard !store.isDropped else { throw StoreError(.notFound, "collection \(name) was dropped") }
      return store.appendable.sortedLiveRows()
    }
    guard let prepared = try store.prepareSeal(rows: rows) else { return }
    try lock.writing { () throws(StoreError) in try store.finishSeal(prepared) }
  }

  /// Runs `body` holding the collection shared with other readers; `body` must change nothing.
  private func readingStore<R>(_ body: (CollectionStore) throws(StoreError) -> R) throws(StoreError) -> R {
    try lock.reading { () throws(StoreError) -> R in
      guard !store.isDropped else { throw StoreError(.notFound, "collection \(name) was dropped") }
      return try body(store)
    }
  }

  /// The collection's configuration.
  public var config: CollectionConfig {
    lock.reading { store.config }
  }

  /// Repairs made while opening the collection (e.g. a torn WAL tail), as sentences.
  public var recoveryNotes: [String] {
    lock.reading { store.notes }
  }

  // MARK: Writes

  /// Inserts or replaces points; within one call a repeated id keeps its last occurrence.
  ///
  /// The call is atomic: after a crash either all of it is visible or none.
  ///
  /// - Throws: ``StoreError`` `invalidInput` (wrong dimension, non-finite component, a payload
  ///   object over ``PayloadLimits/maximumKeysPerObject`` keys, a payload value whose type
  ///   contradicts a payload index), naming the point; storage errors.
  /// - Complexity: O(n · d).
  @discardableResult
  public func upsert(_ points: [PointStruct]) throws(StoreError) -> UpdateResult {
    afterWrite(
      try logAndApply { (store) throws(StoreError) in
        let prepared = try store.prepareUpsert(points)
        return prepared.isEmpty ? nil : (.upsert(prepared), prepared.count)
      })
  }

  private func afterWrite<R>(_ result: R) -> R {
    scheduleOptimizationIfNeeded()
    return result
  }

  /// Deletes the selected points.
  @discardableResult
  public func delete(_ selector: PointSelector) throws(StoreError) -> UpdateResult {
    afterWrite(
      try logAndApply { (store) throws(StoreError) in
        let ids = try store.resolve(selector)
        return ids.isEmpty ? nil : (.delete(ids), ids.count)
      })
  }

  /// Merges `payload`'s keys into the selected points' payloads (Qdrant's set payload).
  ///
  /// - Throws: ``StoreError`` `invalidInput` when `payload` breaks ``PayloadLimits`` or
  ///   contradicts a payload index; storage errors.
  @discardableResult
  public func setPayload(_ payload: JSONObject, on selector: PointSelector) throws(StoreError) -> UpdateResult {
    try changePayloads(on: selector, checking: payload) { .setPayload(ids: $0, payload: payload) }
  }

  /// Replaces the selected points' payloads with `payload`.
  ///
  /// - Throws: ``StoreError`` `invalidInput` when `payload` breaks ``PayloadLimits`` or
  ///   contradicts a payload index; storage errors.
  @discardableResult
  public func overwritePayload(_ payload: JSONObject, on selector: PointSelector) throws(StoreError) -> UpdateResult {
    try changePayloads(on: selector, checking: payload) { .overwritePayload(ids: $0, payload: payload) }
  }

  /// Checks `payload`, resolves `selector` and logs the operation `change` makes of the ids
  /// (nothing when no point is selected).
  private func changePayloads(
    on selector: PointSelector, checking payload: JSONObject, _ change: ([PointID]) -> CollectionOperation
  ) throws(StoreError) -> UpdateResult {
    afterWrite(
      try logAndApply { (store) throws(StoreError) in
        try store.checkPayload(payload, id: nil)
        let ids = try store.resolve(selector)
        return ids.isEmpty ? nil : (change(ids), ids.count)
      })
  }

  /// Removes top-level `keys` from the selected points' payloads.
  @discardableResult
  public func deletePayloadKeys(_ keys: [String], on selector: PointSelector) throws(StoreError) -> UpdateResult {
    afterWrite(
      try logAndApply { (store) throws(StoreError) in
        let ids = try store.resolve(selector)
        return ids.isEmpty || keys.isEmpty ? nil : (.deletePayloadKeys(ids: ids, keys: keys), ids.count)
      })
  }

  /// Creates a payload index on `field` (a dotted path) over every point.
  ///
  /// - Throws: ``StoreError`` `invalidInput` if a point has a value of another type there.
  /// - Complexity: O(n) payload reads.
  public func createPayloadIndex(field: String, type: PayloadIndexType) throws(StoreError) {
    try withStore { (store) throws(StoreError) in try store.createIndex(field: field, type: type) }
  }

  /// Seals the points waiting in the write-ahead log into a segment file now.
  public func flush() throws(StoreError) {
    try writers.writing { () throws(StoreError) in try sealLettingReadersIn() }
    scheduleOptimizationIfNeeded()
  }

  // MARK: Reads

  /// The points with these ids, in the order asked; missing ids are left out.
  ///
  /// - Complexity: O(k · s log n).
  public func retrieve(_ ids: [PointID], withPayload: Bool = true, withVector: Bool = false) throws(StoreError)
    -> [PointRecord]
  {
    try readingStore { (store) throws(StoreError) in
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
  public func count(filter: Filter? = nil) throws(StoreError) -> Int {
    try readingStore { (store) throws(StoreError) in try store.count(filter) }
  }

  /// One page of points in ascending id order, starting at `offset` (inclusive).
  ///
  /// - Complexity: O(rows visited · segments).
  public func scroll(
    filter: Filter? = nil, offset: PointID? = nil, limit: Int = 10, withPayload: Bool = true,
    withVector: Bool = false
  ) throws(StoreError) -> ScrollPage {
    try RequestLimits.check(limit, in: RequestLimits.scrollLimit, "limit")
    return try withStore { (store) throws(StoreError) in
      try store.scroll(filter: filter, offset: offset, limit: limit, withPayload: withPayload, withVector: withVector)
    }
  }

  /// The nearest points to a vector or to a stored point.
  ///
  /// Sealed segments with a graph are searched through it (with `ef` candidates) unless
  /// `exact` is set or the filter matches few points; `exact` is the recall oracle.
  ///
  /// - Complexity: O(n · d) when exact; roughly logarithmic in n through the graph.
  /// - Throws: ``StoreError`` `invalidInput` for a request outside ``RequestLimits``, a
  ///   query vector of the wrong shape, or `notFound` for an unknown point.
  public func search(_ request: SearchRequest) throws(StoreError) -> [ScoredPoint] {
    try request.validate()
    return try readingStore { (store) throws(StoreError) in
      let query: [Float]
      var excluded: PointID?
      switch request.query {
      case .vector(let vector):
        query = try store.prepareVector(vector, context: "query vector")
      case .point(let id):
        guard let location = store.locate(id) else {
          throw StoreError(.notFound, "point \(id) not found in collection \(name)")
        }
        query = store.vector(at: location)
        excluded = id
      }
      return try store.search(
        query, filter: request.filter, limit: request.limit, ef: request.ef ?? store.config.hnswEf,
        exact: request.exact, excluding: excluded, withPayload: request.withPayload, withVector: request.withVector)
    }
  }

  /// Size, shape and payload schema of the collection (aliases are filled in by the database).
  public func info() throws(StoreError) -> CollectionInfo {
    try readingStore { (store) throws(StoreError) in try store.info() }
  }

  /// Checks every checksum of every segment file.
  ///
  /// - Complexity: O(size of the collection's files).
  public func verify() throws(StoreError) {
    try withStore { (store) throws(StoreError) in
      for segment in store.sealed {
        do throws(StoreError) {
          try segment.verify()
        } catch {
          if store.problem == nil { store.problem = error.message }
          throw error
        }
      }
    }
  }

  func close() throws(StoreError) {
    stopScrubs.set()
    background.wait()
    try exclusively { () throws(StoreError) in try store.close() }
  }

  /// Threads used to build HNSW graphs when segments are sealed or optimized; a value
  /// outside ``RequestLimits/indexThreads`` is clamped into it (``setIndexThreads(_:)``
  /// refuses it instead).
  public var indexThreads: Int {
    get { lock.reading { store.indexThreads } }
    set {
      let range = RequestLimits.indexThreads
      exclusively { store.indexThreads = min(max(range.lowerBound, newValue), range.upperBound) }
    }
  }

  /// Sets the threads used to build HNSW graphs.
  ///
  /// - Throws: ``StoreError`` `invalidInput` outside ``RequestLimits/indexThreads``.
  public func setIndexThreads(_ threads: Int) throws(StoreError) {
    try RequestLimits.check(threads, in: RequestLimits.indexThreads, "threads")
    indexThreads = threads
  }

  /// Merges all segments into one without deleted points and rebuilds its HNSW graph.
  ///
  /// Runs automatically in the background when a collection has more than 8 segments or a
  /// segment with 30 % or more deleted points.
  ///
  /// - Complexity: O(n · d) plus one graph build over n points.
  public func optimize() throws(StoreError) {
    try optimizeLettingReadersIn { store in Set(store.sealed.map(\.id)) }
  }

  /// Rewrites the segments `select` picks (holding the collection alone while it picks; `nil`
  /// for nothing to do) as one, holding `writers` throughout: the new segment and its graph
  /// are built while readers run, and only the switch to it keeps them out.
  private func optimizeLettingReadersIn(_ select: (CollectionStore) -> Set<Int>?) throws(StoreError) {
    try writers.writing { () throws(StoreError) in
      let selection = try lock.writing { () throws(StoreError) -> Set<Int>? in
        guard !store.isDropped else { throw StoreError(.notFound, "collection \(name) was dropped") }
        return select(store)
      }
      guard let selection else { return }
      let prepared = try store.prepareOptimization(segments: selection)
      try lock.writing { () throws(StoreError) in try store.finishOptimization(prepared) }
    }
  }

  /// Starts a background optimization when the collection needs one and none is queued.
  private func scheduleOptimizationIfNeeded() {
    let needed = exclusively { () -> Bool in
      guard store.needsOptimization, !store.isOptimizationScheduled else { return false }
      store.isOptimizationScheduled = true
      return true
    }
    guard needed else { return }
    background.enter()
    Self.optimizerQueue.async { [self] in
      defer { background.leave() }
      do throws(StoreError) {
        try optimizeLettingReadersIn { store in
          store.isOptimizationScheduled = false
          let selection = store.automaticSelection
          return store.isReadOnly || selection.isEmpty ? nil : selection
        }
      } catch {
        // A collection dropped meanwhile needs no note.
        if error.kind != .notFound {
          exclusively { store.recordNote("background optimization failed: \(error.message)") }
        }
      }
    }
  }

  /// Up to `count` live point ids, sampled with `seed` (the same seed, the same sample).
  ///
  /// - Complexity: O(n) in the points.
  func sampleIDs(_ count: Int, seed: UInt64) throws(StoreError) -> [PointID] {
    try readingStore { (store) throws(StoreError) in store.sampleIDs(count, seed: seed) }
  }

  /// Freezes a consistent cut for a snapshot (see `CollectionStore.freezeForSnapshot`).
  ///
  /// The seal it needs builds its segment while readers run; writers wait for it.
  func freezeForSnapshot() throws(StoreError) -> CollectionStore.SnapshotCut {
    try writers.writing { () throws(StoreError) -> CollectionStore.SnapshotCut in
      try sealLettingReadersIn()
      return try lock.writing { () throws(StoreError) in try store.freezeForSnapshot() }
    }
  }

  /// Releases a snapshot's pinned files.
  func unpin(_ files: [String]) {
    exclusively { store.unpin(files) }
  }

  /// The collection's folder.
  var directory: String {
    lock.reading { store.directory }
  }

  func markDropped() {
    exclusively { store.isDropped = true }
  }
}
