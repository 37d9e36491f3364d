@testable import VectorEngine

/// HNSW graph files (`seg-<id>.hnsw`): loaded with `SegmentGraph.load` next to a fixture
/// segment with as many rows as the header claims (decoded from the bytes directly when that
/// is more than ``FuzzFixtures/maximumSegmentRows``), then searched with and without a filter.
enum GraphFuzzTarget {
  /// Runs `input` as it is, then with its header and section checksums repaired.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, in: workspace)
    let repaired = ChecksumRepair.sectionedFile(input, table: 48)
    if repaired != input { _ = exercise(repaired, in: workspace) }
    return outcome
  }

  private static func exercise(_ file: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let claimed = FuzzBytes.uint64(file, at: 32) ?? 0
    guard claimed <= UInt64(FuzzFixtures.maximumSegmentRows) else {
      // Too many rows for a fixture: the decoder alone (it refuses the size mismatch).
      let graph = file.withUnsafeBytes { raw in
        try? HNSWGraph(decoding: raw, rowCount: Int(clamping: claimed), path: "fuzz.hnsw")
      }
      return graph == nil ? .rejected : .accepted
    }
    let folder = FuzzFixtures.segmentFolder(rows: Int(claimed), in: workspace)
    guard
      let segment = try? SealedSegment(
        id: 1, directory: folder, expectedDimension: FuzzFixtures.segmentDimension,
        populate: false, deletionGeneration: 0)
    else { fatalError("fuzz harness: the fixture segment does not open") }
    let path = folder + "/" + SegmentGraph.fileName(segment: 1)
    FuzzWorkspace.write(file, to: path)
    defer { try? System.removeFile(path) }
    // The loader refuses a graph built for another metric; either metric may be in the file.
    guard
      let loaded = (try? SegmentGraph.load(segment: segment, directory: folder, metric: .innerProduct))
        ?? (try? SegmentGraph.load(segment: segment, directory: folder, metric: .squaredL2))
    else { return .rejected }
    let graph = loaded.graph
    _ = graph.invariantViolation()
    if segment.count > 0 {
      for row in [0, segment.count / 2, segment.count - 1] {
        let query = segment.vector(at: row)
        _ = graph.search(query, k: 5, ef: 16, vectors: segment.vectors, accept: nil)
        _ = graph.search(query, k: 5, ef: 16, vectors: segment.vectors, accept: { $0 % 3 == 0 })
      }
    }
    return .accepted
  }
}
