// Optimization (Qdrant's vacuum and merge): selected sealed segments and the unsealed points
// are rewritten as one segment without deleted rows, with a fresh graph. In two halves, as
// sealing is, so readers run during the slow one: `prepareOptimization` verifies the
// selected segments, writes the new segment file, its indexes and graph, and the changed
// deletion sets of the segments that stay (nothing is published, nothing readers see
// changes); `finishOptimization` rotates the WAL, publishes the manifest and switches the
// in-memory view. No other change may run between the two.
//
// Crash analysis: before the manifest is published the old one still names every segment
// and the WAL still holds every unsealed operation, so a crash loses nothing; the written
// but unnamed files are removed by the next open. After it, the old segments are garbage.

import Model

extension CollectionStore {
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

  /// Rewrites the selected sealed segments and the unsealed points as one new segment without
  /// deleted rows; other segments stay as they are.
  ///
  /// - Complexity: O(n · d) over the selected points plus one graph build.
  func optimize(segments selection: Set<Int>) throws(StoreError) {
    try finishOptimization(try prepareOptimization(segments: selection))
  }

  /// What ``prepareOptimization(segments:)`` wrote, for ``finishOptimization(_:)`` to publish.
  struct PreparedOptimization {
    fileprivate var next: CollectionManifest
    fileprivate var kept: [SealedSegment]
    fileprivate var newSegment: SealedSegment?
  }

  /// The heavy half of an optimization: verifies the selected segments, writes the segment
  /// file of their live rows and the unsealed points (with indexes and graph) and the
  /// changed deletion sets of the segments that stay, none of them published. It changes
  /// nothing readers see, so the caller may let readers run meanwhile, but no other change may
  /// run until ``finishOptimization(_:)``.
  ///
  /// The unsealed points always go along: the WAL start then moves past every logged
  /// operation, so none is replayed against segments that no longer hold its points.
  ///
  /// - Throws: ``StoreError`` `readOnly`, `corrupted` for a selected segment whose checksums
  ///   fail (damaged bytes are never laundered into a segment that verifies), or the write's.
  /// - Complexity: O(n · d) over the selected points plus one graph build.
  func prepareOptimization(segments selection: Set<Int>) throws(StoreError) -> PreparedOptimization {
    guard !isReadOnly, wal != nil else { throw StoreError(.readOnly, "collection \(name) is open read-only") }
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
    return PreparedOptimization(next: next, kept: kept, newSegment: newSegment)
  }

  /// The light half of an optimization: rotates the WAL, publishes the manifest naming the
  /// prepared segment in place of the selected ones, and switches the in-memory view to it
  /// (readers must be kept out).
  func finishOptimization(_ prepared: PreparedOptimization) throws(StoreError) {
    guard let wal else { throw StoreError(.readOnly, "collection \(name) is open read-only") }
    var next = prepared.next
    try wal.rotate()
    next.walStart = wal.nextSequence
    try next.write(to: directory)
    manifest = next
    for segment in prepared.kept {
      segment.deletionsDirty = false
      if let entry = manifest.segments.first(where: { $0.id == segment.id }) {
        segment.deletionGeneration = entry.deletionGeneration
      }
    }
    sealed = prepared.kept + (prepared.newSegment.map { [$0] } ?? [])
    appendable = AppendableSegment(dimension: config.dimension)
    try removeUnreferencedFiles()
    try wal.removeFiles(before: manifest.walStart)
    checkInvariants()
  }
}
