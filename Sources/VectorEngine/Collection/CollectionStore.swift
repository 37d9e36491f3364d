// The state of one open collection: sealed segments, the appendable segment and the WAL.
//
// States of a write:  validated -> logged (WAL write) -> applied -> durable (fsync) ->
// acknowledged. A write that fails before "logged" changes nothing; "applied" never fails.
// No other change runs between the WAL write and the apply, so operations are applied in log
// order. The fsync runs outside the collection's locks: readers and the next writers go on
// meanwhile, and writers waiting at once share one fsync (group commit). A reader may see a
// write before it is acknowledged, never one that is not in the log; a failed fsync makes
// the log refuse every later write until a restart replays what reached the disk.
//
// Sealing (when the appendable segment reaches `sealingRowCount` rows: `segmentPoints`, or
// fewer when its vectors pass the indexing threshold, so a search never scans much unindexed
// data; or on close):
//   1. write `seg-N.seg` and its payload index files (temp, fsync, rename, fsync dir);
//   2. write changed deletion sets as new generations `seg-M.del-G`;
//   3. rotate the WAL to a new file starting at the next sequence;
//   4. publish MANIFEST with the new segment list and `walStart` = that sequence;
//   5. remove files the manifest no longer names, and older WAL files.
// A crash before 4 leaves the old manifest, whose WAL still holds every operation; a crash after
// 4 leaves garbage files that the next open removes.
//
// Invariants (checked by `checkInvariants()` in debug builds):
//   - a point id is live in at most one place: the appendable segment or one sealed segment;
//   - every live id in the appendable segment is in `rowByID` and vice versa;
//   - sealed segments are ordered oldest first; their ids are ascending within each file.

/// One collection's storage, used under its `VectorCollection`'s lock.
import Model

final class CollectionStore {
  let name: String
  let directory: String
  let isReadOnly: Bool
  var manifest: CollectionManifest
  var sealed: [SealedSegment] = []
  /// Threads used to build HNSW graphs.
  var indexThreads = System.processorCount
  var appendable: AppendableSegment
  var wal: WriteAheadLog?
  /// Messages about repairs made while opening (torn WAL tails, removed leftovers).
  private(set) var notes: [String] = []
  /// Set when the collection was dropped through another handle.
  var isDropped = false
  /// Set while a background optimization is queued.
  var isOptimizationScheduled = false
  /// Files a snapshot in progress is copying: kept even when the manifest stops naming them.
  var pinnedFiles: Set<String> = []
  /// Why the collection is damaged (a checksum failed after it was opened), or `nil`.
  var problem: String?
  /// Damage found in the write-ahead log by a read-only open (a writable open refuses it).
  private(set) var logDamage: LogDamage?

  /// Adds a message for the operator (shown with recovery notes).
  func recordNote(_ note: String) {
    notes.append(note)
  }

  var config: CollectionConfig { manifest.config }

  /// Creates the files of a new collection in `directory`, which must be empty: the manifest
  /// and an empty write-ahead log (from then on a collection without a log is damaged).
  static func createFiles(in directory: String, config: CollectionConfig) throws(StoreError) {
    let manifest = CollectionManifest(config: config)
    do {
      _ = try WriteAheadLog.create(in: directory, startingAt: manifest.walStart)
    } catch {
      throw StoreError.from(error)
    }
    try manifest.write(to: directory)
  }

  /// Opens the collection stored in `directory`, replaying its WAL.
  ///
  /// Every replayed operation is validated as a new write would be; the first one that fails
  /// is damage (see ``LogDamage``): a writable open is refused, a read-only open replays the
  /// operations before it and leaves a note.
  ///
  /// - Parameter logMayBeMissing: the directory was just extracted from a snapshot, which
  ///   carries no log; a writable open creates one. Otherwise a missing log is damage.
  /// - Complexity: O(segments + WAL size); points in sealed segments are not visited.
  init(name: String, directory: String, readOnly: Bool, logMayBeMissing: Bool = false) throws(StoreError) {
    self.name = name
    self.directory = directory
    self.isReadOnly = readOnly
    manifest = try CollectionManifest.read(from: directory)
    appendable = AppendableSegment(dimension: manifest.config.dimension)
    if !readOnly { try removeUnreferencedFiles() }
    try loadSegments()
    let (log, recovery) = try WriteAheadLog.recover(
      directory: directory, from: manifest.walStart, repair: !readOnly, allowMissing: logMayBeMissing)
    wal = log
    notes.append(contentsOf: recovery.notes)
    logDamage = recovery.damage
    for (replayed, entry) in recovery.operations.enumerated() {
      if let problem = problem(replaying: entry.operation) {
        let damage = LogDamage(path: entry.path, sequence: entry.sequence, offset: entry.offset, problem: problem)
        if !readOnly { throw damage.refusal(intactRecords: replayed) }
        notes.append(damage.readOnlyNote(intactRecords: replayed))
        logDamage = damage
        break
      }
      apply(entry.operation)
    }
    if !readOnly {
      try wal?.removeFiles(before: manifest.walStart)
    }
    checkInvariants()
  }

  func removeUnreferencedFiles() throws(StoreError) {
    let keep = manifest.referencedFiles.union(pinnedFiles)
    do {
      for name in try System.listDirectory(directory) {
        let isOurs = name.hasPrefix("seg-") || name.hasPrefix(DurableFile.temporaryPrefix)
        if isOurs && !keep.contains(name) {
          try System.removeFile(directory + "/" + name)
          if !name.hasPrefix(DurableFile.temporaryPrefix) {
            notes.append("\(directory)/\(name): removed a file left by an interrupted change")
          }
        }
      }
    } catch {
      throw StoreError.from(error)
    }
  }

  // MARK: Locating points

  /// Where a live point is stored.
  enum Location: Hashable {
    case appendable(row: Int)
    case sealed(segment: Int, row: Int)
  }

  /// Where the live point `id` is, if it exists.
  ///
  /// - Complexity: O(s log n) for s sealed segments.
  func locate(_ id: PointID) -> Location? {
    if let row = appendable.rowByID[id] { return .appendable(row: row) }
    for (index, segment) in sealed.enumerated().reversed() {
      if let row = segment.row(of: id), !segment.isDeleted(row) { return .sealed(segment: index, row: row) }
    }
    return nil
  }

  /// The payload of a live point.
  func payload(at location: Location) throws(StoreError) -> JSONObject {
    switch location {
    case .appendable(let row): appendable.payloads[row]
    case .sealed(let segment, let row): try sealed[segment].payload(at: row)
    }
  }

  /// A copy of the vector of a live point.
  func vector(at location: Location) -> [Float] {
    switch location {
    case .appendable(let row): appendable.withVector(at: row) { Array($0) }
    case .sealed(let segment, let row):
      Array(UnsafeBufferPointer(start: sealed[segment].vector(at: row), count: config.dimension))
    }
  }

  // MARK: Writing

  /// A logged operation and the log that must make it durable before it is acknowledged.
  struct LoggedOperation: Sendable {
    /// The operation's WAL sequence.
    let sequence: UInt64
    fileprivate let wal: WriteAheadLog

    /// Returns once an fsync covers the operation: one fsync serves every writer waiting at
    /// that moment (group commit). It touches only the log, so it runs outside the
    /// collection's locks.
    func waitUntilDurable() throws(StoreError) {
      try wal.sync(before: sequence + 1)
    }
  }

  /// Writes `operation` to the log without waiting for the disk; ``applyLogged(_:)`` applies
  /// it next (nothing else may write to the log, seal or rotate it between the two: the
  /// collection's writers lock keeps them out), and the write is acknowledged once
  /// ``LoggedOperation/waitUntilDurable()`` returns.
  func log(_ operation: CollectionOperation) throws(StoreError) -> LoggedOperation {
    guard !isReadOnly, let wal else {
      throw StoreError(.readOnly, "collection \(name) is open read-only")
    }
    return LoggedOperation(sequence: try wal.write([operation]), wal: wal)
  }

  /// Applies an operation that ``log(_:)`` wrote (readers see it from now on; its writer
  /// waits for the fsync before acknowledging it).
  ///
  /// - Returns: whether the appendable segment is full and should be sealed now.
  func applyLogged(_ operation: CollectionOperation) -> Bool {
    apply(operation)
    checkInvariants()
    return appendable.rowCount >= sealingRowCount
  }

  /// Applies a logged operation to the in-memory state. Never fails.
  private func apply(_ operation: CollectionOperation) {
    switch operation {
    case .upsert(let points):
      for point in points {
        removeFromSealed(point.id)
        point.vector.withUnsafeBufferPointer { appendable.upsert(id: point.id, vector: $0, payload: point.payload) }
      }
    case .delete(let ids):
      for id in ids {
        if !appendable.delete(id) { removeFromSealed(id) }
      }
    case .setPayload(let ids, let payload):
      updatePayloads(ids) { $0.merge(payload) }
    case .overwritePayload(let ids, let payload):
      updatePayloads(ids) { $0 = payload }
    case .deletePayloadKeys(let ids, let keys):
      updatePayloads(ids) { $0.removeFields(keys) }
    }
  }

  private func removeFromSealed(_ id: PointID) {
    for segment in sealed.reversed() {
      if let row = segment.row(of: id), !segment.isDeleted(row) {
        segment.delete(row: row)
        return
      }
    }
  }

  /// Changes payloads in place in the appendable segment; moves sealed points into it.
  private func updatePayloads(_ ids: [PointID], _ change: (inout JSONObject) -> Void) {
    for id in ids {
      guard let location = locate(id) else { continue }
      switch location {
      case .appendable(let row):
        var payload = appendable.payloads[row]
        change(&payload)
        appendable.setPayload(payload, row: row)
      case .sealed(let index, let row):
        let segment = sealed[index]
        // A payload that cannot be read is replaced by the change applied to an empty object.
        var payload = (try? segment.payload(at: row)) ?? JSONObject()
        change(&payload)
        segment.delete(row: row)
        appendable.upsert(
          id: id, vector: UnsafeBufferPointer(start: segment.vector(at: row), count: config.dimension),
          payload: payload)
      }
    }
  }

  /// The values an index stores for a payload: those at the path, with a final array's
  /// elements taken one by one (as conditions look one level into arrays).
  static func indexableValues(_ path: PayloadPath, _ payload: JSONObject) -> [JSONValue] {
    var result: [JSONValue] = []
    for value in path.values(in: payload) {
      if case .array(let elements) = value { result.append(contentsOf: elements) } else { result.append(value) }
    }
    return result
  }

  static func path(_ field: String) throws(StoreError) -> PayloadPath {
    do {
      return try PayloadPath(field)
    } catch {
      throw StoreError(.invalidInput, "invalid payload key \"\(field)\": \(error.message)")
    }
  }

  /// Creates a payload index over every point, after checking the field's values fit the type.
  ///
  /// - Throws: ``StoreError`` `invalidInput` naming a point whose value has another type.
  /// - Complexity: O(n) payload reads.
  func createIndex(field: String, type: PayloadIndexType) throws(StoreError) {
    guard !isReadOnly else { throw StoreError(.readOnly, "collection \(name) is open read-only") }
    let path = try Self.path(field)
    if let existing = manifest.indexes.first(where: { $0.field == field }) {
      if existing.type == type { return }
      throw StoreError(.invalidInput, "field \"\(field)\" already has a \(existing.type.rawValue) index")
    }
    // Seal first: the log then holds only operations logged (and type-checked) after the
    // index exists, so replaying it checks every operation against the same indexes.
    try seal()
    // Check every live value first: a mixed-type field is refused before anything is written.
    for row in 0..<appendable.rowCount where appendable.live[row] {
      try Self.checkType(
        Self.indexableValues(path, appendable.payloads[row]), field: field, type: type, id: appendable.ids[row])
    }
    var built: [SegmentPayloadIndex] = []
    for segment in sealed {
      var rowValues: [[JSONValue]] = []
      rowValues.reserveCapacity(segment.count)
      for row in 0..<segment.count {
        if segment.isDeleted(row) {
          rowValues.append([])
          continue
        }
        let values = Self.indexableValues(path, try segment.payload(at: row))
        try Self.checkType(values, field: field, type: type, id: segment.id(at: row))
        rowValues.append(values)
      }
      built.append(
        try SegmentPayloadIndex.build(type: type, rowCount: segment.count) { (row) throws(StoreError) in rowValues[row]
        })
    }
    var next = manifest
    let entry = CollectionManifest.IndexEntry(id: next.nextIndexID, field: field, type: type)
    next.nextIndexID += 1
    next.indexes.append(entry)
    do {
      for (segment, index) in zip(sealed, built) {
        try DurableFile.publish(
          index.encoded, as: SegmentPayloadIndex.fileName(segment: segment.id, index: entry.id), in: directory)
      }
    } catch {
      throw StoreError.from(error)
    }
    try next.write(to: directory)
    manifest = next
    for (segment, index) in zip(sealed, built) { segment.payloadIndexes[field] = index }
  }

  /// Fails when a value at an indexed field does not fit the index type.
  static func checkType(_ values: [JSONValue], field: String, type: PayloadIndexType, id: PointID) throws(StoreError) {
    for value in values where value != .null && !type.accepts(value) {
      throw StoreError(
        .invalidInput,
        "payload field \"\(field)\" is indexed as \(type.rawValue), but point \(id) has a \(value.typeName) value there"
      )
    }
  }

  /// Checks every checksum of every sealed segment (vectors and payloads included, which an
  /// `mmap` open leaves to a later verification).
  ///
  /// - Complexity: O(size of the segment files).
  func verifyEverything() throws(StoreError) {
    for segment in sealed { try segment.verify() }
  }

  /// Seals a large appendable segment and closes the WAL, so the next open replays little.
  func close() throws(StoreError) {
    if !isReadOnly && (appendable.rowCount >= 1_000 || sealed.contains(where: \.deletionsDirty)) {
      try seal()
    }
    wal = nil
  }

  // MARK: Invariants

  func checkInvariants() {
    #if DEBUG
    precondition(appendable.rowByID.count == appendable.liveCount, "appendable index and live count disagree")
    for (id, row) in appendable.rowByID {
      precondition(appendable.live[row] && appendable.ids[row] == id, "appendable row map is stale")
    }
    if appendable.liveCount < 2_000 {
      for (id, _) in appendable.rowByID {
        for segment in sealed {
          if let row = segment.row(of: id) {
            precondition(segment.isDeleted(row), "point \(id) is live in two places")
          }
        }
      }
    }
    #endif
  }
}
