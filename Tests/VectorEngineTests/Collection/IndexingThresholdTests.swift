import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

/// The indexing threshold: unsealed vectors past it are sealed into an indexed segment before
/// the segment size, so searches scan little unindexed data.
struct IndexingThresholdTests {
  /// `count` points of `dimension` seeded random components, ids from `first`.
  private func points(_ count: Int, dimension: Int, from first: Int, seed: UInt64) -> [PointStruct] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { index in
      PointStruct(id: .number(UInt64(first + index)), vector: randomVector(dimension, using: &generator))
    }
  }

  @Test func unsealedVectorsPastTheThresholdAreSealedWithAGraph() throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    // 256 floats are 1 KB: a 1,500 KB threshold seals every 1,500 points, long before 50,000.
    let collection = try database.createCollection(
      "c", config: CollectionConfig(dimension: 256, distance: .euclid, indexingThresholdKB: 1_500))
    collection.indexThreads = 1
    for batch in 0..<8 {
      try collection.upsert(points(500, dimension: 256, from: batch * 500, seed: UInt64(batch + 1)))
    }
    let info = try collection.info()
    #expect(info.pointsCount == 4_000)
    #expect(info.unsealedPoints == 1_000)
    #expect(info.indexStats.count == 2)
    #expect(info.indexStats.map(\.points) == [1_500, 1_500])
    #expect(info.indexStats.map(\.hasGraph) == [true, true])
    try database.close()
  }

  @Test func aThresholdBelowTheGraphSizeStillSealsSegmentsWithAGraph() throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "c", config: CollectionConfig(dimension: 64, distance: .cosine, indexingThresholdKB: 1))
    collection.indexThreads = 1
    try collection.upsert(points(999, dimension: 64, from: 0, seed: 5))
    #expect(try collection.info().indexStats.isEmpty)
    try collection.upsert(points(1, dimension: 64, from: 999, seed: 6))
    let info = try collection.info()
    #expect(info.unsealedPoints == 0)
    #expect(info.indexStats.map(\.points) == [1_000])
    #expect(info.indexStats.map(\.hasGraph) == [true])
    try database.close()
  }

  @Test func aZeroThresholdSealsOnlyAtTheSegmentSize() throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "c",
      config: CollectionConfig(dimension: 256, distance: .dot, segmentPoints: 3_000, indexingThresholdKB: 0))
    collection.indexThreads = 1
    try collection.upsert(points(2_999, dimension: 256, from: 0, seed: 9))
    #expect(try collection.info().unsealedPoints == 2_999)
    try collection.upsert(points(1, dimension: 256, from: 2_999, seed: 10))
    #expect(try collection.info().indexStats.map(\.points) == [3_000])
    try database.close()
  }

  @Test func theThresholdIsStoredAndDefaultsForOlderConfigurations() throws {
    let config = CollectionConfig(dimension: 8, distance: .cosine, indexingThresholdKB: 123)
    #expect(try CollectionConfig(json: config.json) == config)
    guard case .object(var older) = config.json else {
      Issue.record("the configuration is not a JSON object")
      return
    }
    older["indexing_threshold_kb"] = nil
    let decoded = try CollectionConfig(json: .object(older))
    #expect(decoded.indexingThresholdKB == CollectionConfig.defaultIndexingThresholdKB)
    var negative = config
    negative.indexingThresholdKB = -1
    #expect(throws: StoreError.self) { try negative.validate() }
  }
}
