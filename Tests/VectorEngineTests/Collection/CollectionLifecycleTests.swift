import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

struct CollectionLifecycleTests {
  @Test func upsertedPointsReadBackExactlyAfterReopen() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 7)
    var expected: [PointID: PointStruct] = [:]
    do {
      let database = try Database(directory: directory.path)
      let collection = try database.createCollection(
        "docs", config: CollectionConfig(dimension: 5, distance: .dot, segmentPoints: 40))
      for batch in 0..<5 {
        let points = (0..<30).map { index in
          PointStruct(
            id: .number(UInt64(batch * 30 + index)), vector: randomVector(5, using: &generator),
            payload: ["batch": .int(Int64(batch)), "tag": .string("t\(index % 3)")])
        }
        try collection.upsert(points)
        for point in points { expected[point.id] = point }
      }
      #expect(try collection.count() == 150)
      try database.close()
    }
    let reopened = try Database(directory: directory.path)
    let collection = try reopened.collection("docs")
    #expect(try collection.count() == 150)
    let records = try collection.retrieve(Array(expected.keys), withPayload: true, withVector: true)
    #expect(records.count == 150)
    for record in records {
      let point = try #require(expected[record.id])
      #expect(record.vector == point.vector)
      #expect(record.payload == point.payload)
    }
    #expect(try collection.info().segmentsCount >= 3)
  }

  @Test func deletesAndPayloadUpdatesSurviveSealingAndReopen() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 11)
    do {
      let database = try Database(directory: directory.path)
      let collection = try database.createCollection(
        "c", config: CollectionConfig(dimension: 3, distance: .euclid, segmentPoints: 10))
      try collection.upsert(
        (0..<25).map {
          PointStruct(
            id: .number(UInt64($0)), vector: randomVector(3, using: &generator), payload: ["n": .int(Int64($0))])
        })
      try collection.delete(.ids([.number(1), .number(2), .number(20)]))
      try collection.setPayload(["extra": true], on: .ids([.number(3), .number(21)]))
      try collection.deletePayloadKeys(["n"], on: .ids([.number(4)]))
      try collection.flush()
      try collection.delete(.filter(Filter(must: [.field(key: "n", .range(RangeBounds(gte: 22)))])))
      try database.close()
    }
    let collection = try Database(directory: directory.path).collection("c")
    #expect(try collection.count() == 19)
    let three = try #require(try collection.retrieve([.number(3)]).first)
    #expect(three.payload == ["n": 3, "extra": true])
    let four = try #require(try collection.retrieve([.number(4)]).first)
    #expect(four.payload == [:])
    #expect(try collection.retrieve([.number(1), .number(22), .number(24)]).isEmpty)
  }

  @Test func scrollPagesCoverEveryPointOnceInIDOrder() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 3)
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "s", config: CollectionConfig(dimension: 2, distance: .dot, segmentPoints: 17))
    var ids = Set<PointID>()
    for _ in 0..<4 {
      let points = (0..<20).map { _ in
        PointStruct(
          id: .number(UInt64.random(in: 0..<1_000, using: &generator)), vector: randomVector(2, using: &generator))
      }
      try collection.upsert(points)
      ids.formUnion(points.map(\.id))
    }
    try collection.upsert([PointStruct(id: .uuid(high: 1, low: 2), vector: [1, 0])])
    ids.insert(.uuid(high: 1, low: 2))
    var seen: [PointID] = []
    var offset: PointID?
    repeat {
      let page = try collection.scroll(offset: offset, limit: 7)
      seen.append(contentsOf: page.points.map(\.id))
      offset = page.nextPageOffset
    } while offset != nil
    #expect(seen == ids.sorted())
  }

  @Test func exactSearchMatchesBruteForceReference() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 5)
    let database = try Database(directory: directory.path)
    for distance in Distance.allCases {
      let collection = try database.createCollection(
        "e-\(distance)", config: CollectionConfig(dimension: 16, distance: distance, segmentPoints: 50))
      let points = (0..<120).map {
        PointStruct(
          id: .number(UInt64($0)), vector: randomVector(16, using: &generator), payload: ["even": .bool($0 % 2 == 0)])
      }
      try collection.upsert(points)
      let query = randomVector(16, using: &generator)
      let hits = try collection.search(
        SearchRequest(
          query: .vector(query), filter: Filter(must: [.field(key: "even", .matchValue(true))]), limit: 5, exact: true))
      let stored = try collection.retrieve(points.map(\.id), withVector: true)
      func score(_ v: [Float]) -> Float {
        switch distance {
        case .euclid: zip(query, v).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        case .dot: zip(query, v).map(*).reduce(0, +)
        case .cosine:
          zip(query, v).map(*).reduce(0, +) / zip(query, query).map(*).reduce(0, +).squareRoot()
        }
      }
      let reference = stored.filter { $0.payload?["even"] == true }
        .map { ($0.id, score($0.vector ?? [])) }
        .sorted { distance.higherIsCloser ? $0.1 > $1.1 : $0.1 < $1.1 }
        .prefix(5)
      #expect(hits.map(\.id) == reference.map(\.0))
      for (hit, expected) in zip(hits, reference) {
        #expect(abs(hit.score - expected.1) <= 1e-4 * max(1, abs(expected.1)))
      }
    }
  }
}
