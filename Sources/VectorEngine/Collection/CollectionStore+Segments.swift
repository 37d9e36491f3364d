import Model

extension CollectionStore {
  /// Segments with fewer points are searched by a scan; larger ones get an HNSW graph.
  static let graphThreshold = 1_000
  /// More sealed segments than this are merged by the optimizer.
  static let maximumSegments = 8
  /// A segment with at least this fraction of deleted rows is compacted by the optimizer.
  static let deletedFractionThreshold = 0.3

  /// Writes a segment of `rows` (ascending ids), its payload indexes and, when large enough,
  /// its HNSW graph; adds it to `next` (not yet published).
  ///
  /// - Complexity: O(n · d) to write plus the graph build.
  func writeSegment(_ rows: [SegmentSourceRow], into next: inout CollectionManifest) throws(StoreError) -> SealedSegment
  {
    let segmentID = next.nextSegmentID
    next.nextSegmentID += 1
    let written = rows.map { row in
      SegmentWriter.Row(
        id: row.id, vector: row.vector,
        payload: row.payload.isEmpty ? [] : Array(JSONWriter.compact(.object(row.payload)).utf8))
    }
    do {
      try SegmentWriter.write(
        segment: segmentID, in: directory, dimension: config.dimension,
        normalized: config.distance == .cosine, rows: written)
    } catch {
      throw StoreError.from(error)
    }
    let segment = try SealedSegment(
      id: segmentID, directory: directory, expectedDimension: config.dimension,
      populate: config.storage == .memory, deletionGeneration: 0)
    for index in next.indexes {
      let path = try Self.path(index.field)
      let built = try SegmentPayloadIndex.build(type: index.type, rowCount: rows.count) { (row) throws(StoreError) in
        Self.indexableValues(path, rows[row].payload)
      }
      do {
        try DurableFile.publish(
          built.encoded, as: SegmentPayloadIndex.fileName(segment: segmentID, index: index.id), in: directory)
      } catch {
        throw StoreError.from(error)
      }
      segment.payloadIndexes[index.field] = built
    }
    var entry = CollectionManifest.SegmentEntry(id: segmentID, deletionGeneration: 0)
    if rows.count >= Self.graphThreshold {
      segment.graph = try SegmentGraph.build(
        segment: segment, config: config, threads: indexThreads, directory: directory)
      entry.hasGraph = true
    }
    next.segments.append(entry)
    return segment
  }

  /// Whether the optimizer should run: too many segments, or one with many deleted rows.
  var needsOptimization: Bool { !isReadOnly && !automaticSelection.isEmpty }

  /// The sealed segments the background optimizer would rewrite: every segment with 30 % or
  /// more deleted rows, plus, when there are more than 8 segments, the smallest ones, so that
  /// four remain besides the merged one (Qdrant's vacuum and merge optimizers).
  var automaticSelection: Set<Int> {
    var selected = Set(
      sealed.filter {
        $0.count > 0 && Double($0.deletedCount) / Double($0.count) >= Self.deletedFractionThreshold
      }.map(\.id))
    if sealed.count > Self.maximumSegments {
      let smallest = sealed.sorted { ($0.liveCount, $0.id) < ($1.liveCount, $1.id) }
      for segment in smallest.prefix(sealed.count - Self.maximumSegments / 2) { selected.insert(segment.id) }
    }
    return selected
  }

  /// Merges every segment and the unsealed points into one segment without deleted rows,
  /// with a fresh HNSW graph over all of them.
  ///
  /// - Complexity: O(n · d) plus one graph build over n points.
  func optimize() throws(StoreError) {
    try optimize(segments: Set(sealed.map(\.id)))
  }

  /// Runs the automatic optimization, if one is due.
  func optimizeAutomatically() throws(StoreError) {
    let selection = automaticSelection
    guard !selection.isEmpty else { return }
    try optimize(segments: selection)
  }

  /// Rewrites the selected sealed segments and the unsealed points as one new segment without
  /// deleted rows; other segments stay as they are.
  ///
  /// The unsealed points always go along: the WAL start then moves past every logged
  /// operation, so none is replayed against segments that no longer hold its points.
  ///
  /// - Complexity: O(n · d) over the selected points plus one graph build.
  func optimize(segments selection: Set<Int>) throws(StoreError) {
    guard !isReadOnly, let wal else { throw StoreError(.readOnly, "collection \(name) is open read-only") }
    // Rewriting copies the rows with fresh checksums: damaged bytes must be refused here,
    // never laundered into a segment that verifies.
    for segment in sealed where selection.contains(segment.id) {
      do {
        try segment.verify()
      } catch {
        throw StoreError(error.kind, "optimization of collection \(name) refused: \(error.message)")
      }
    }
    // Pending deletions of the segments that stay must be written with the new manifest.
    let kept = sealed.filter { !selection.contains($0.id) }
    var next = manifest
    next.segments.removeAll { selection.contains($0.id) }
    var newSegment: SealedSegment?
    try appendable.vectors.withUnsafeBufferPointer { vectors in
      Result { () throws(StoreError) in
        var rows: [SegmentSourceRow] = []
        for segment in sealed where selection.contains(segment.id) {
          for row in 0..<segment.count where !segment.isDeleted(row) {
            rows.append(
              SegmentSourceRow(
                id: segment.id(at: row), vector: segment.vector(at: row), payload: try segment.payload(at: row)))
          }
        }
        if let base = vectors.baseAddress {
          for row in 0..<appendable.rowCount where appendable.live[row] {
            rows.append(
              SegmentSourceRow(
                id: appendable.ids[row], vector: base + row * config.dimension, payload: appendable.payloads[row]))
          }
        }
        rows.sort { $0.id < $1.id }
        if !rows.isEmpty { newSegment = try writeSegment(rows, into: &next) }
        for segment in kept where segment.deletionsDirty {
          let generation = next.nextGeneration
          next.nextGeneration += 1
          do {
            _ = try segment.writeDeletions(generation: generation, in: directory)
          } catch {
            throw StoreError.from(error)
          }
          if let position = next.segments.firstIndex(where: { $0.id == segment.id }) {
            next.segments[position].deletionGeneration = generation
          }
        }
      }
    }.get()
    try wal.rotate()
    next.walStart = wal.nextSequence
    try next.write(to: directory)
    manifest = next
    for segment in kept {
      segment.deletionsDirty = false
      if let entry = manifest.segments.first(where: { $0.id == segment.id }) {
        segment.deletionGeneration = entry.deletionGeneration
      }
    }
    sealed = kept + (newSegment.map { [$0] } ?? [])
    appendable = AppendableSegment(dimension: config.dimension)
    try removeUnreferencedFiles()
    try wal.removeFiles(before: manifest.walStart)
    checkInvariants()
  }
}

extension CollectionStore {
  /// Up to `count` distinct live ids chosen pseudo-randomly (the same for the same seed).
  ///
  /// - Complexity: O(count · s log n) expected.
  func sampleIDs(_ count: Int, seed: UInt64) -> [PointID] {
    let total = sealed.reduce(appendable.liveCount) { $0 + $1.liveCount }
    guard total > 0 else { return [] }
    var state = seed &+ 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var chosen = Set<PointID>()
    var ordered: [PointID] = []
    var attempts = 0
    let rows = sealed.reduce(appendable.rowCount) { $0 + $1.count }
    while ordered.count < min(count, total) && attempts < count * 50 {
      attempts += 1
      var position = Int(next() % UInt64(rows))
      var id: PointID?
      var inSealed = false
      for segment in sealed {
        if position < segment.count {
          inSealed = true
          if !segment.isDeleted(position) { id = segment.id(at: position) }
          break
        }
        position -= segment.count
      }
      if !inSealed, position < appendable.rowCount, appendable.live[position] {
        id = appendable.ids[position]
      }
      if let id, chosen.insert(id).inserted { ordered.append(id) }
    }
    return ordered
  }
}
