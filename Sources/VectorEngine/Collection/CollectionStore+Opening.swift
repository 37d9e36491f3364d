import Model

extension CollectionStore {
  /// Opens every sealed segment the manifest names, with its deletion set, payload indexes
  /// and graph, and checks what readers rely on across them.
  ///
  /// Derived files that fail validation (a payload index, a graph, including one built for
  /// another metric) are rebuilt from the segment when the collection is writable, with a
  /// note; read-only, they are errors. A point id live in two segments is an error.
  ///
  /// - Complexity: O(segments · indexes + ids) plus the graph loads.
  func loadSegments() throws(StoreError) {
    for entry in manifest.segments {
      let segment = try SealedSegment(
        id: entry.id, directory: directory, expectedDimension: manifest.config.dimension,
        populate: manifest.config.storage == .memory, deletionGeneration: entry.deletionGeneration)
      for index in manifest.indexes {
        segment.payloadIndexes[index.field] = try loadPayloadIndex(index, of: segment)
      }
      sealed.append(segment)
    }
    try checkLiveIDsAreUnique()
    let indexed = zip(sealed, manifest.segments).filter { $0.1.hasGraph }.map(\.0)
    let metric = SegmentGraph.metric(for: manifest.config.distance)
    for (segment, loaded) in zip(indexed, SegmentGraphLoader.load(indexed, directory: directory, metric: metric)) {
      do {
        segment.graph = try loaded.get()
      } catch  where error.kind == .corrupted && !isReadOnly {
        // The graph is derived data: rebuild it from the segment's vectors.
        segment.graph = try SegmentGraph.build(
          segment: segment, config: manifest.config, threads: indexThreads, directory: directory)
        recordNote("\(error.message); rebuilt it from the segment's vectors")
      }
    }
  }

  /// Reads a segment's payload index file, or rebuilds it from the segment's payloads when it
  /// is damaged and the collection is writable.
  private func loadPayloadIndex(_ index: CollectionManifest.IndexEntry, of segment: SealedSegment) throws(StoreError)
    -> SegmentPayloadIndex
  {
    let name = SegmentPayloadIndex.fileName(segment: segment.id, index: index.id)
    do {
      return try SegmentPayloadIndex.read(
        path: directory + "/" + name, expectedType: index.type, rowCount: segment.count)
    } catch  where error.kind == .corrupted && !isReadOnly {
      let path = try Self.path(index.field)
      let rebuilt = try SegmentPayloadIndex.build(type: index.type, rowCount: segment.count) {
        (row) throws(StoreError) in
        segment.isDeleted(row) ? [] : Self.indexableValues(path, try segment.payload(at: row))
      }
      do {
        try DurableFile.publish(rebuilt.encoded, as: name, in: directory)
      } catch {
        throw StoreError.from(error)
      }
      recordNote("\(error.message); rebuilt it from the segment's payloads")
      return rebuilt
    }
  }

  /// Fails when a point id is live (not deleted) in more than one sealed segment.
  ///
  /// - Complexity: O(n · s) for n rows in s segments.
  func checkLiveIDsAreUnique() throws(StoreError) {
    let rows = sealed.map { segment in
      LiveIDCheck.Rows(count: segment.count, id: { segment.id(at: $0) }, isDeleted: { segment.isDeleted($0) })
    }
    if let duplicate = LiveIDCheck.firstDuplicate(rows) {
      throw StoreError(
        .corrupted,
        "corrupt data: \(sealed[duplicate.first].path) and \(sealed[duplicate.second].path) both hold point \(duplicate.id) as live"
      )
    }
  }
}
