import TestSupport
@testable import VectorEngine

/// Seeded vector sets for the HNSW tests, laid out like a sealed segment (64-byte aligned
/// rows, stride rounded up to 32 bytes), plus an exact oracle.
final class HNSWTestData: @unchecked Sendable {
  let count: Int
  let dimension: Int
  let stride: Int
  let base: UnsafeMutableRawPointer
  let queries: [[Float]]
  let metric: HNSWMetric

  /// `count` points around `clusters` random centres (uniform noise of `spread`), and
  /// `queryCount` fresh queries from the same mixture; normalized for the inner product.
  init(
    count: Int, dimension: Int, clusters: Int = 40, spread: Float = 0.35, queryCount: Int = 100,
    metric: HNSWMetric, seed: UInt64
  ) {
    self.count = count
    self.dimension = dimension
    self.metric = metric
    stride = (dimension * 4 + 31) & ~31
    base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * stride, alignment: 64)
    base.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1) * stride)
    var generator = SeededGenerator(seed: seed)
    let centres = (0..<max(clusters, 1)).map { _ in randomVector(dimension, using: &generator) }
    func draw() -> [Float] {
      let centre = centres[Int.random(in: 0..<centres.count, using: &generator)]
      var point = centre.map { $0 + Float.random(in: -spread...spread, using: &generator) }
      if metric == .innerProduct { DistanceKernels.normalize(&point) }
      return point
    }
    for row in 0..<count {
      let point = draw()
      for index in 0..<dimension {
        base.storeBytes(of: point[index], toByteOffset: row * stride + index * 4, as: Float.self)
      }
    }
    queries = (0..<queryCount).map { _ in draw() }
  }

  deinit { base.deallocate() }

  var vectors: HNSWVectors { HNSWVectors(base: base, stride: stride, count: count, dimension: dimension) }

  func build(m: Int = 16, efConstruct: Int = 100, seed: UInt64 = 7, threads: Int = 1) -> HNSWGraph {
    HNSWGraph.build(
      vectors: vectors, metric: metric, parameters: HNSWParameters(m: m, efConstruct: efConstruct, seed: seed),
      threads: threads)
  }

  func distance(_ query: [Float], _ row: Int) -> Float {
    query.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { preconditionFailure("an empty query has no distance") }
      return metric.distance(base, vectors.vector(at: row), dimension: dimension)
    }
  }

  /// The exact `k` nearest admitted rows, nearest first (ties by row).
  func exact(_ query: [Float], k: Int, accept: (Int32) -> Bool = { _ in true }) -> [Int32] {
    var scored: [(row: Int32, distance: Float)] = []
    for row in 0..<count where accept(Int32(row)) {
      scored.append((Int32(row), distance(query, row)))
    }
    scored.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.row < b.row }
    return scored.prefix(k).map(\.row)
  }

  func search(
    _ graph: HNSWGraph, _ query: [Float], k: Int, ef: Int,
    accept: ((Int32) -> Bool)? = nil
  ) -> [(row: Int32, distance: Float)] {
    query.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { preconditionFailure("an empty query cannot be searched") }
      return graph.search(base, k: k, ef: ef, vectors: vectors, accept: accept)
    }
  }

  /// Mean recall@k of the graph's answers against the exact oracle over all queries.
  func recall(_ graph: HNSWGraph, k: Int = 10, ef: Int, accept: ((Int32) -> Bool)? = nil) -> Double {
    var found = 0
    var wanted = 0
    for query in queries {
      let truth = Set(exact(query, k: k, accept: accept ?? { _ in true }))
      let hits = search(graph, query, k: k, ef: ef, accept: accept).map(\.row)
      found += hits.filter { truth.contains($0) }.count
      wanted += truth.count
    }
    return wanted == 0 ? 1 : Double(found) / Double(wanted)
  }
}

/// Shared fixtures: each graph is built once per test run (debug builds are slow).
enum HNSWFixtures {
  // Ten broad clusters: hard enough that recall@10 is about 0.87 at ef 10 and 0.98 at ef 24,
  // so the recall bars below catch a weakened graph or walk.
  static let cosineData = HNSWTestData(
    count: 5_000, dimension: 32, clusters: 10, spread: 0.8, metric: .innerProduct, seed: 11)
  static let euclidData = HNSWTestData(
    count: 5_000, dimension: 32, clusters: 10, spread: 0.8, metric: .squaredL2, seed: 12)
  static let cosineGraph = cosineData.build()
  static let euclidGraph = euclidData.build()
  static let smallData = HNSWTestData(
    count: 300, dimension: 16, clusters: 8, queryCount: 20, metric: .squaredL2, seed: 13)
  static let smallGraph = smallData.build(m: 6, efConstruct: 40)
}
