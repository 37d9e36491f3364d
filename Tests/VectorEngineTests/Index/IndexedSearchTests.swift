import Foundation
import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

/// Search through HNSW graphs inside collections: recall against the exact oracle, filters at
/// every selectivity, deletes, persistence and repair.
struct IndexedSearchTests {
  /// The cluster centres of the test data (queries are drawn from the same mixture).
  private static func centres(_ dimension: Int) -> [[Float]] {
    var generator = SeededGenerator(seed: 17)
    return (0..<20).map { _ in randomVector(dimension, using: &generator) }
  }

  /// A point of the mixture: a random centre plus uniform noise.
  private static func draw(_ dimension: Int, using generator: inout SeededGenerator) -> [Float] {
    let all = centres(dimension)
    let centre = all[Int.random(in: 0..<all.count, using: &generator)]
    return centre.map { $0 + Float.random(in: -0.35...0.35, using: &generator) }
  }

  /// Clustered vectors with a `bucket` payload (0…999) for filters of chosen selectivity.
  private func makeCollection(
    _ directory: String, count: Int = 6_000, dimension: Int = 16, distance: Distance = .cosine,
    indexed: Bool = true
  ) throws -> (Database, VectorCollection) {
    var generator = SeededGenerator(seed: 18)
    let database = try Database(directory: directory)
    let collection = try database.createCollection(
      "c",
      config: CollectionConfig(
        dimension: dimension, distance: distance, hnswM: 12, hnswEfConstruct: 64, hnswEf: 64, segmentPoints: count + 1))
    collection.indexThreads = 2
    if indexed { try collection.createPayloadIndex(field: "bucket", type: .integer) }
    var points: [PointStruct] = []
    for index in 0..<count {
      let vector = Self.draw(dimension, using: &generator)
      points.append(
        PointStruct(
          id: .number(UInt64(index)), vector: vector,
          payload: ["bucket": .int(Int64(Int.random(in: 0..<1_000, using: &generator)))]))
    }
    try collection.upsert(points)
    try collection.flush()
    return (database, collection)
  }

  private func recall(
    _ collection: VectorCollection, queries: Int, filter: Filter? = nil, ef: Int = 64, seed: UInt64 = 3
  ) throws -> Double {
    var generator = SeededGenerator(seed: seed)
    var found = 0
    var wanted = 0
    for _ in 0..<queries {
      let query = Self.draw(collection.config.dimension, using: &generator)
      let exact = try collection.search(
        SearchRequest(query: .vector(query), filter: filter, limit: 10, exact: true, withPayload: false))
      let approximate = try collection.search(
        SearchRequest(query: .vector(query), filter: filter, limit: 10, ef: ef, withPayload: false))
      let truth = Set(exact.map(\.id))
      found += approximate.filter { truth.contains($0.id) }.count
      wanted += exact.count
      #expect(approximate.count == exact.count)
    }
    return wanted == 0 ? 1 : Double(found) / Double(wanted)
  }

  @Test(arguments: [Distance.cosine, .dot, .euclid])
  func graphSearchRecallsWhatExactSearchFinds(distance: Distance) throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try makeCollection(directory.path, distance: distance)
    #expect(try collection.info().segmentsCount == 1)
    let value = try recall(collection, queries: 60)
    #expect(value >= 0.95, "recall \(value)")
  }

  @Test(arguments: [1, 10, 100, 500, 1_000])
  func filteredRecallHoldsAtEverySelectivity(bucketsOutOfThousand: Int) throws {
    for indexed in [true, false] {
      let directory = TemporaryDirectory()
      let (_, collection) = try makeCollection(directory.path, indexed: indexed)
      let filter = try Filter.parse("bucket<\(bucketsOutOfThousand)")
      let value = try recall(collection, queries: 40, filter: filter)
      #expect(value >= 0.95, "selectivity \(bucketsOutOfThousand)/1000, indexed \(indexed): recall \(value)")
    }
  }

  @Test func deletedPointsAreNeverReturned() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try makeCollection(directory.path)
    var generator = SeededGenerator(seed: 9)
    let query = Self.draw(16, using: &generator)
    let nearest = try collection.search(
      SearchRequest(query: .vector(query), limit: 50, exact: true, withPayload: false)
    ).map(\.id)
    let doomed = Set(nearest.prefix(25))
    try collection.delete(.ids(Array(doomed)))
    for ef in [10, 64, 200] {
      let hits = try collection.search(SearchRequest(query: .vector(query), limit: 20, ef: ef, withPayload: false))
      #expect(hits.count == 20)
      #expect(hits.allSatisfy { !doomed.contains($0.id) })
    }
    #expect(try recall(collection, queries: 30) >= 0.95)
  }

  @Test func resultsAreIdenticalAfterReopen() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 4)
    let queries = (0..<25).map { _ in Self.draw(16, using: &generator) }
    var before: [[ScoredPoint]] = []
    do {
      let (database, collection) = try makeCollection(directory.path)
      before = try queries.map { try collection.search(SearchRequest(query: .vector($0), limit: 10, ef: 32)) }
      try database.close()
    }
    let collection = try Database(directory: directory.path).collection("c")
    let after = try queries.map { try collection.search(SearchRequest(query: .vector($0), limit: 10, ef: 32)) }
    #expect(after == before)
    #expect(collection.recoveryNotes.isEmpty)
  }

  @Test func damagedGraphFileIsRebuiltWithANote() throws {
    let directory = TemporaryDirectory()
    do {
      let (database, _) = try makeCollection(directory.path)
      try database.close()
    }
    let folder = directory.path + "/collections/c"
    let graphFile = try #require(try System.listDirectory(folder).first { $0.hasSuffix(".hnsw") })
    var bytes = try #require(FileManager.default.contents(atPath: folder + "/" + graphFile))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: folder + "/" + graphFile))
    let collection = try Database(directory: directory.path).collection("c")
    #expect(collection.recoveryNotes.contains { $0.contains(graphFile) && $0.contains("rebuilt") })
    #expect(try recall(collection, queries: 20) >= 0.95)
  }

  @Test func optimizeMergesSegmentsAndDropsDeletedPoints() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 12)
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "m", config: CollectionConfig(dimension: 8, distance: .euclid, hnswEfConstruct: 40, segmentPoints: 1_200))
    for batch in 0..<4 {
      try collection.upsert(
        (0..<1_200).map {
          PointStruct(id: .number(UInt64(batch * 1_200 + $0)), vector: randomVector(8, using: &generator))
        })
    }
    try collection.delete(.filter(try Filter.parse("id:[1,2,3,4,5,6,7,8,9]")))
    try collection.optimize()
    let info = try collection.info()
    #expect(info.segmentsCount == 1)
    #expect(info.pointsCount == 4_800 - 9)
    #expect(try recall(collection, queries: 30) >= 0.95)
  }

  @Test func qualityReportComparesIndexWithExactSearch() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try makeCollection(directory.path)
    let report = try collection.measureQuality(sample: 30, limit: 10, ef: 64)
    #expect(report.sample == 30)
    #expect(report.recallMean >= 0.95 && report.recallMean <= 1)
    #expect(report.exactMilliseconds > 0 && report.indexMilliseconds > 0)
  }

  @Test func heavyDeletesAreCompactedInTheBackground() throws {
    let directory = TemporaryDirectory()
    let diskBefore: Int
    do {
      let (database, collection) = try makeCollection(directory.path, count: 3_000)
      diskBefore = try collection.info().diskBytes
      try collection.delete(.filter(try Filter.parse("bucket<400")))
      try collection.flush()
      // Closing waits for the background optimization that the deletes scheduled.
      try database.close()
    }
    let collection = try Database(directory: directory.path).collection("c")
    let info = try collection.info()
    let remaining = try collection.count()
    #expect(info.pointsCount == remaining)
    #expect(try collection.count(filter: try Filter.parse("bucket<400")) == 0)
    #expect(info.diskBytes < diskBefore * 3 / 4, "deleted rows were dropped from the files")
    #expect(try recall(collection, queries: 20) >= 0.95)
  }
}
