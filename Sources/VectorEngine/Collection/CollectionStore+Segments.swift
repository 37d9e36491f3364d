import Model

extension CollectionStore {
  /// Segments with fewer points are searched by a scan; larger ones get an HNSW graph.
  static let graphThreshold = 1_000
  /// More sealed segments than this are merged by the optimizer.
  static let maximumSegments = 8
  /// A segment with at least this fraction of deleted rows is compacted by the optimizer.
  static let deletedFractionThreshold = 0.3

  /// How many rows the appendable segment holds before it is sealed: `segmentPoints`, or, with
  /// an indexing threshold, as many as fit in it (at least ``graphThreshold``, so the sealed
  /// segment gets a graph). Many small segments are merged later by the optimizer.
  var sealingRowCount: Int {
    let threshold = config.indexingThresholdKB
    guard threshold > 0 else { return config.segmentPoints }
    let fitting = threshold * 1_024 / (config.dimension * MemoryLayout<Float>.size)
    return min(config.segmentPoints, max(Self.graphThreshold, fitting))
  }

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
