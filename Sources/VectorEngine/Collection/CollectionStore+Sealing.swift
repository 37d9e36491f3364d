// Sealing, in two halves so readers can run during the slow one: `prepareSeal` writes the
// segment file, its payload indexes, its graph and the changed deletion sets (nothing is
// published, nothing readers see changes); `finishSeal` rotates the WAL, publishes the
// manifest and switches the in-memory view (see the sealing steps in CollectionStore.swift).
// No other change may run between the two.

import Model

extension CollectionStore {
  /// Seals the appendable segment into a segment file and publishes a new manifest.
  ///
  /// Also writes deletion sets that changed. Does nothing when there is nothing to write.
  func seal() throws(StoreError) {
    guard let prepared = try prepareSeal(rows: appendable.sortedLiveRows()) else { return }
    try finishSeal(prepared)
  }

  /// What ``prepareSeal(rows:)`` wrote, for ``finishSeal(_:)`` to publish.
  struct PreparedSeal {
    fileprivate var next: CollectionManifest
    fileprivate var newSegment: SealedSegment?
    fileprivate var dirtySegments: [SealedSegment]
  }

  /// The heavy half of a seal: writes the segment file of the appendable segment's live
  /// `rows` (in id order), its payload indexes and graph, and the changed deletion sets, none
  /// of them published. It changes nothing readers see, so the caller may let readers run
  /// meanwhile, but no other change may run until ``finishSeal(_:)``.
  ///
  /// - Returns: `nil` when there is nothing to seal.
  func prepareSeal(rows: [Int]) throws(StoreError) -> PreparedSeal? {
    guard !isReadOnly, wal != nil else { return nil }
    let dirtySegments = sealed.filter(\.deletionsDirty)
    guard appendable.liveCount > 0 || !dirtySegments.isEmpty || appendable.rowCount > 0 else { return nil }
    var next = manifest
    var newSegment: SealedSegment?
    do {
      if appendable.liveCount > 0 {
        newSegment = try appendable.vectors.withUnsafeBufferPointer { vectors in
          Result { () throws(StoreError) -> SealedSegment in
            guard let base = vectors.baseAddress else { throw StoreError(.io, "appendable segment has no vectors") }
            let sources = rows.map { row in
              SegmentSourceRow(
                id: appendable.ids[row], vector: base + row * config.dimension, payload: appendable.payloads[row])
            }
            return try writeSegment(sources, into: &next)
          }
        }.get()
      }
      for segment in dirtySegments {
        let generation = next.nextGeneration
        next.nextGeneration += 1
        _ = try segment.writeDeletions(generation: generation, in: directory)
        if let position = next.segments.firstIndex(where: { $0.id == segment.id }) {
          next.segments[position].deletionGeneration = generation
        }
      }
    } catch {
      throw StoreError.from(error)
    }
    return PreparedSeal(next: next, newSegment: newSegment, dirtySegments: dirtySegments)
  }

  /// The light half of a seal: rotates the WAL, publishes the manifest naming the prepared
  /// segment, and switches the in-memory view to it (readers must be kept out).
  func finishSeal(_ prepared: PreparedSeal) throws(StoreError) {
    guard let wal else { return }
    var next = prepared.next
    // Segments emptied by deletes are dropped from the manifest.
    let emptied = Set(sealed.filter { $0.liveCount == 0 }.map(\.id))
    next.segments.removeAll { emptied.contains($0.id) }
    try wal.rotate()
    next.walStart = wal.nextSequence
    try next.write(to: directory)

    // The new state is durable; switch the in-memory view to it.
    manifest = next
    for segment in prepared.dirtySegments { segment.deletionsDirty = false }
    if let newSegment = prepared.newSegment { sealed.append(newSegment) }
    sealed.removeAll { emptied.contains($0.id) }
    for segment in sealed {
      if let entry = manifest.segments.first(where: { $0.id == segment.id }) {
        segment.deletionGeneration = entry.deletionGeneration
      }
    }
    appendable = AppendableSegment(dimension: config.dimension)
    try removeUnreferencedFiles()
    try wal.removeFiles(before: manifest.walStart)
    checkInvariants()
  }
}
