import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TestSupport
import Testing
@testable import VectorEngine

/// Building and searching HNSW graphs: recall against brute force, filters, parallel builds,
/// tiny graphs.
struct HNSWGraphTests {
  @Test(arguments: [HNSWMetric.innerProduct, .squaredL2])
  func recallAtTenBeatsNinetyFivePercent(metric: HNSWMetric) {
    let data = metric == .innerProduct ? HNSWFixtures.cosineData : HNSWFixtures.euclidData
    let graph = metric == .innerProduct ? HNSWFixtures.cosineGraph : HNSWFixtures.euclidGraph
    #expect(graph.invariantViolation() == nil)
    let recall = data.recall(graph, ef: 24)
    #expect(recall >= 0.95, "recall@10 \(recall) with \(metric) at ef 24")
  }

  @Test func resultsAreSortedWithExactDistances() {
    let data = HNSWFixtures.euclidData
    for query in data.queries.prefix(20) {
      let hits = data.search(HNSWFixtures.euclidGraph, query, k: 10, ef: 32)
      #expect(hits.count == 10)
      #expect(Set(hits.map(\.row)).count == hits.count, "duplicate rows")
      for (index, hit) in hits.enumerated() {
        #expect(hit.distance == data.distance(query, Int(hit.row)))
        if index > 0 { #expect(hits[index - 1].distance <= hit.distance) }
      }
    }
  }

  @Test func largerEfDoesNotLowerRecall() {
    let data = HNSWFixtures.cosineData
    let narrow = data.recall(HNSWFixtures.cosineGraph, ef: 10)
    let wide = data.recall(HNSWFixtures.cosineGraph, ef: 128)
    #expect(wide > narrow)
    #expect(wide >= 0.995, "recall@10 at ef 128: \(wide)")
  }

  @Test func rejectedRowsAreNeverReturned() {
    let data = HNSWFixtures.cosineData
    let accept: (Int32) -> Bool = { $0 % 3 != 0 }
    for query in data.queries {
      let hits = data.search(HNSWFixtures.cosineGraph, query, k: 10, ef: 64, accept: accept)
      #expect(hits.count == 10)
      #expect(hits.allSatisfy { $0.row % 3 != 0 })
    }
    let recall = data.recall(HNSWFixtures.cosineGraph, ef: 16, accept: accept)
    #expect(recall >= 0.95, "recall@10 at ef 16 with every third row rejected: \(recall)")
  }

  @Test func tenPercentFilterKeepsRecall() {
    let data = HNSWFixtures.euclidData
    var generator = SeededGenerator(seed: 5)
    let admitted = (0..<data.count).map { _ in Int.random(in: 0..<10, using: &generator) == 0 }
    let accept: (Int32) -> Bool = { admitted[Int($0)] }
    for query in data.queries.prefix(20) {
      #expect(
        data.search(HNSWFixtures.euclidGraph, query, k: 10, ef: 64, accept: accept).allSatisfy { admitted[Int($0.row)] }
      )
    }
    let recall = data.recall(HNSWFixtures.euclidGraph, ef: 10, accept: accept)
    #expect(recall >= 0.95, "recall@10 at ef 10 with a 10 % filter: \(recall)")
  }

  @Test func filterAdmittingNothingReturnsNothing() {
    let data = HNSWFixtures.smallData
    #expect(data.search(HNSWFixtures.smallGraph, data.queries[0], k: 5, ef: 16, accept: { _ in false }).isEmpty)
    let only = data.search(HNSWFixtures.smallGraph, data.queries[0], k: 5, ef: 16, accept: { $0 == 17 })
    #expect(only.map(\.row) == [17])
  }

  @Test func parallelBuildIsValidAndRecalls() {
    let data = HNSWFixtures.euclidData
    let reported = Atomic<Int>(0)
    let threads = Mutex<Set<UInt>>([])
    let graph = HNSWGraph.build(
      vectors: data.vectors, metric: .squaredL2, parameters: HNSWParameters(m: 16, efConstruct: 100, seed: 3),
      threads: 2,
      progress: { done in
        reported.wrappingAdd(done == 5_000 ? 1 : 0, ordering: .relaxed)
        let current = UInt(pthread_self())
        threads.withLock { _ = $0.insert(current) }
      })
    #expect(graph.invariantViolation() == nil)
    graph.checkInvariants()
    #expect(reported.load(ordering: .relaxed) == 1, "progress reports the total exactly once")
    #expect(threads.withLock { $0.count } == 2, "both workers inserted rows (on their own threads)")
    let recall = data.recall(graph, ef: 24)
    #expect(recall >= 0.95, "recall@10 at ef 24 after a 2-thread build: \(recall)")
  }

  @Test func concurrentSearchesAgreeWithSequentialOnes() {
    let data = HNSWFixtures.cosineData
    let graph = HNSWFixtures.cosineGraph
    let expected = data.queries.map { data.search(graph, $0, k: 10, ef: 32).map(\.row) }
    let mismatches = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for (index, query) in data.queries.enumerated() where index % 4 == worker || worker == 0 {
        let filtered = data.search(graph, query, k: 10, ef: 32, accept: { $0 % 2 == 0 })
        if data.search(graph, query, k: 10, ef: 32).map(\.row) != expected[index]
          || filtered.contains(where: { $0.row % 2 != 0 })
        {
          mismatches.wrappingAdd(1, ordering: .relaxed)
        }
      }
    }
    #expect(mismatches.load(ordering: .relaxed) == 0)
  }

  @Test func neighbourListsAreExposedAsStored() {
    let graph = HNSWFixtures.smallGraph
    for row in 0..<graph.count {
      let links = graph.neighbours(of: row, level: 0)
      #expect(!links.isEmpty && links.count <= graph.m0)
      #expect(!links.contains(Int32(row)))
    }
    let top = Int(graph.entryPoint)
    #expect(graph.level(of: top) == graph.maxLevel)
    #expect(graph.neighbours(of: top, level: graph.maxLevel).allSatisfy { graph.level(of: Int($0)) == graph.maxLevel })
  }

  @Test func singleThreadBuildIsDeterministic() {
    let data = HNSWFixtures.smallData
    let first = data.build(m: 6, efConstruct: 40, seed: 9).encoded
    #expect(first == data.build(m: 6, efConstruct: 40, seed: 9).encoded)
    #expect(first != data.build(m: 6, efConstruct: 40, seed: 10).encoded)
  }

  @Test func statisticsDescribeTheGraph() {
    let graph = HNSWFixtures.cosineGraph
    let statistics = graph.statistics
    #expect(statistics.layers == graph.maxLevel + 1)
    #expect(statistics.layers >= 2)
    #expect(statistics.entryPoint == graph.entryPoint)
    #expect(statistics.nodesPerLevel.first == 5_000)
    #expect(statistics.nodesPerLevel.last ?? 0 >= 1)
    #expect(zip(statistics.nodesPerLevel, statistics.nodesPerLevel.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(statistics.maximumDegreeLevel0 <= 32 && statistics.maximumDegreeLevel0 > 16)
    #expect(statistics.averageDegreeLevel0 > 4 && statistics.averageDegreeLevel0 <= 32)
    // Level sizes follow P(level ≥ l) = m^−l: about 5000/16 ≈ 312 nodes on level 1.
    #expect((200...450).contains(statistics.nodesPerLevel[1]))
  }

  @Test func everyRowIsReachableAsItsOwnNearestNeighbour() {
    let data = HNSWFixtures.smallData
    var found = 0
    for row in 0..<data.count {
      let query = (0..<data.dimension).map { data.vectors.vector(at: row)[$0] }
      if data.search(HNSWFixtures.smallGraph, query, k: 1, ef: 32).first?.row == Int32(row) { found += 1 }
    }
    #expect(found >= data.count - 3, "\(found) of \(data.count) rows found themselves")
  }

  @Test(arguments: [0, 1, 2, 3])
  func tinyGraphsBehave(count: Int) throws {
    let data = HNSWTestData(count: count, dimension: 8, clusters: 1, queryCount: 3, metric: .squaredL2, seed: 21)
    for threads in [1, 2] {
      let graph = data.build(m: 4, efConstruct: 8, threads: threads)
      #expect(graph.invariantViolation() == nil)
      #expect(graph.count == count)
      #expect(graph.statistics.layers == (count == 0 ? 0 : graph.maxLevel + 1))
      #expect(graph.statistics.entryPoint == (count == 0 ? -1 : graph.entryPoint))
      for query in data.queries {
        let hits = data.search(graph, query, k: 10, ef: 1)
        #expect(hits.map(\.row) == data.exact(query, k: 10), "k > count returns every row, nearest first")
        #expect(data.search(graph, query, k: 0, ef: 10).isEmpty)
      }
      let decoded = try graph.encoded.withUnsafeBytes { try HNSWGraph(decoding: $0, rowCount: count, path: "tiny") }
      #expect(decoded.encoded == graph.encoded)
    }
  }

  @Test func hugeEfValuesAreClamped() {
    let data = HNSWTestData(count: 50, dimension: 8, clusters: 2, queryCount: 2, metric: .innerProduct, seed: 8)
    let graph = data.build(m: 4, efConstruct: Int.max, threads: 2)
    #expect(graph.invariantViolation() == nil)
    for query in data.queries {
      // ef ≥ count visits every row reachable from the entry point; HNSW does not promise that
      // every row is reachable (a row whose incoming links were all pruned is not), so the
      // result is the exact order of what it returns, covering nearly all rows.
      let hits = data.search(graph, query, k: Int.max, ef: Int.max)
      let exact = data.exact(query, k: 50)
      #expect(Set(hits.map(\.row)).count == hits.count)
      #expect(hits.count >= 45)
      #expect(
        hits.map(\.row) == exact.filter { Set(hits.map(\.row)).contains($0) }, "returned rows keep the exact order")
    }
  }

  @Test func oneRowGraphReturnsThatRow() {
    let data = HNSWTestData(count: 1, dimension: 4, clusters: 1, queryCount: 1, metric: .innerProduct, seed: 2)
    let graph = data.build(m: 2, efConstruct: 1)
    let hits = data.search(graph, data.queries[0], k: 3, ef: 0)
    #expect(hits.map(\.row) == [0])
    #expect(graph.entryPoint == 0)
    #expect(data.search(graph, data.queries[0], k: 3, ef: 3, accept: { $0 != 0 }).isEmpty)
  }

  @Test func duplicateVectorsKeepTheGraphValid() {
    // Every row identical: all distances tie, the heuristic keeps one link per list.
    let data = HNSWTestData(
      count: 200, dimension: 8, clusters: 1, spread: 0, queryCount: 2, metric: .squaredL2, seed: 4)
    let graph = data.build(m: 4, efConstruct: 16, threads: 2)
    #expect(graph.invariantViolation() == nil)
    #expect(data.search(graph, data.queries[0], k: 5, ef: 16).count == 5)
  }
}
