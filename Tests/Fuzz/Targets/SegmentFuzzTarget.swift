@testable import VectorEngine
@testable import Model

/// Sealed segment files (`seg-<id>.seg`): opened lazily and fully, then every row's id, vector
/// and payload read, ids looked up, and (for small segments) an HNSW graph built over the
/// vectors as `collection optimize` would.
enum SegmentFuzzTarget {
  /// The most rows whose vectors get a graph built over them.
  static let maximumGraphRows = 256

  /// Runs `input` as it is, then with its header and section checksums repaired.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, in: workspace)
    let repaired = ChecksumRepair.sectionedFile(input, table: 32)
    if repaired != input { _ = exercise(repaired, in: workspace) }
    return outcome
  }

  private static func exercise(_ file: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    workspace.withFreshFolder { folder in
      FuzzWorkspace.write(file, to: folder + "/" + SegmentFormat.fileName(segment: 1))
      // The collection's dimension as the header says, so the reader gets past that check.
      let declared = Int(FuzzBytes.uint32(file, at: 12) ?? 1)
      let dimension = (1...CollectionConfig.maximumDimension).contains(declared) ? declared : 1
      var outcome = FuzzOutcome.rejected
      for populate in [false, true] {
        guard
          let segment = try? SealedSegment(
            id: 1, directory: folder, expectedDimension: dimension, populate: populate,
            deletionGeneration: 0)
        else { continue }
        outcome = .accepted
        walk(segment)
      }
      return outcome
    }
  }

  private static func walk(_ segment: SealedSegment) {
    _ = try? segment.verify()
    var sum: Float = 0
    for row in 0..<segment.count {
      let id = segment.id(at: row)
      _ = segment.row(of: id)
      _ = segment.lowerBound(id)
      let vector = segment.vector(at: row)
      for component in 0..<segment.dimension { sum += vector[component] }
      _ = try? segment.payload(at: row)
    }
    if segment.count > 0 {
      segment.delete(row: segment.count - 1)
      _ = segment.liveCount
    }
    if segment.count > 0, segment.count <= maximumGraphRows {
      for metric in [HNSWMetric.innerProduct, .squaredL2] {
        let graph = HNSWGraph.build(
          vectors: segment.vectors, metric: metric,
          parameters: HNSWParameters(m: 4, efConstruct: 16, seed: 1), threads: 1)
        _ = graph.search(
          segment.vector(at: 0), k: 3, ef: 8, vectors: segment.vectors, accept: nil)
      }
    }
    _ = sum
  }
}
