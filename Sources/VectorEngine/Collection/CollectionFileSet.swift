/// Validates a collection's files as a whole, wherever their bytes are (a snapshot archive
/// being verified, written or restored): the same checks the files get when a collection is
/// opened, plus every checksum of every section, so that damaged bytes are never certified
/// and never copied on.
///
/// Checks, in order: the `MANIFEST`; that the files are exactly those it names (a snapshot
/// is sealed before it is taken, so it carries no write-ahead log and nothing else); each
/// segment's layout and every section checksum (``SegmentLayout``); each deletion file,
/// payload index and graph against its segment (the graph's metric against the
/// collection's distance); no point id live in two segments.
import Model

enum CollectionFileSet {
  /// Validates the files of one collection.
  ///
  /// - Parameters:
  ///   - files: every file of the collection, `MANIFEST` included, by name.
  ///   - folder: how errors name the collection's folder (e.g. `archive.snapshot:collections/docs`).
  /// - Returns: The decoded manifest.
  /// - Complexity: O(total size of the files).
  /// - Throws: ``StoreError`` `corrupted` naming the file and the problem.
  static func validate(_ files: [String: UnsafeRawBufferPointer], folder: String) throws(StoreError)
    -> CollectionManifest
  {
    func path(_ name: String) -> String { folder + "/" + name }
    guard let manifestBytes = files[CollectionManifest.fileName] else {
      throw StoreError(.corrupted, "corrupt data: \(path(CollectionManifest.fileName)) is missing")
    }
    let manifest = try CollectionManifest.decode(Array(manifestBytes), path: path(CollectionManifest.fileName))
    let expected = manifest.referencedFiles
    if let extra = files.keys.sorted().first(where: { !expected.contains($0) }) {
      throw StoreError(
        .corrupted,
        "corrupt data: \(path(SnapshotError.escapedName(extra))) is not a file of the collection (its MANIFEST does not name it)"
      )
    }
    if let missing = expected.sorted().first(where: { files[$0] == nil }) {
      throw StoreError(.corrupted, "corrupt data: \(path(missing)) is missing")
    }
    let config = manifest.config
    var segments: [(layout: SegmentLayout, ids: UnsafeRawPointer?, deleted: Bitset)] = []
    do throws(StorageCorruption) {
      for entry in manifest.segments {
        let name = SegmentFormat.fileName(segment: entry.id)
        let bytes = files[name] ?? UnsafeRawBufferPointer(start: nil, count: 0)
        let layout = try SegmentLayout(
          bytes: bytes, path: path(name), expectedDimension: config.dimension, checks: .everySection)
        var deleted = Bitset(count: layout.count)
        if entry.deletionGeneration > 0 {
          let deletions = SegmentFormat.deletionFileName(segment: entry.id, generation: entry.deletionGeneration)
          deleted = try SealedSegment.decodeDeletions(
            files[deletions] ?? UnsafeRawBufferPointer(start: nil, count: 0), path: path(deletions), count: layout.count
          )
        }
        for index in manifest.indexes {
          let indexName = SegmentPayloadIndex.fileName(segment: entry.id, index: index.id)
          _ = try SegmentPayloadIndex.decode(
            files[indexName] ?? UnsafeRawBufferPointer(start: nil, count: 0), path: path(indexName),
            expectedType: index.type, rowCount: layout.count)
        }
        if entry.hasGraph {
          let graphName = SegmentGraph.fileName(segment: entry.id)
          let graph = try HNSWGraph(
            decoding: files[graphName] ?? UnsafeRawBufferPointer(start: nil, count: 0), rowCount: layout.count,
            path: path(graphName))
          let metric = SegmentGraph.metric(for: config.distance)
          guard graph.metric == metric else {
            throw StorageCorruption(
              file: path(graphName),
              detail: "the graph was built for metric \(graph.metric), the collection's distance needs \(metric)")
          }
        }
        segments.append(
          (layout, bytes.baseAddress.map { $0 + layout.sections[SegmentFormat.Section.ids.rawValue].offset }, deleted))
      }
    } catch {
      throw StoreError.from(error)
    }
    let rows = segments.map { segment in
      LiveIDCheck.Rows(
        count: segment.ids == nil ? 0 : segment.layout.count,
        id: { row in segment.ids.map { SegmentLayout.id($0, row: row) } ?? .number(0) },
        isDeleted: { segment.deleted[$0] })
    }
    if let duplicate = LiveIDCheck.firstDuplicate(rows) {
      let first = SegmentFormat.fileName(segment: manifest.segments[duplicate.first].id)
      let second = SegmentFormat.fileName(segment: manifest.segments[duplicate.second].id)
      throw StoreError(
        .corrupted, "corrupt data: \(path(first)) and \(path(second)) both hold point \(duplicate.id) as live")
    }
    return manifest
  }
}
