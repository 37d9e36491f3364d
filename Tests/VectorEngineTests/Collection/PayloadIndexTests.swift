import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

/// Filters answered with payload indexes give exactly the results of evaluating payloads.
struct PayloadIndexTests {
  @Test func indexedAndUnindexedFiltersAgreeOnRandomData() throws {
    var generator = SeededGenerator(seed: 21)
    let plain = TemporaryDirectory()
    let indexed = TemporaryDirectory()
    let plainDatabase = try Database(directory: plain.path)
    let indexedDatabase = try Database(directory: indexed.path)
    let config = CollectionConfig(dimension: 2, distance: .dot, segmentPoints: 70)
    let a = try plainDatabase.createCollection("c", config: config)
    let b = try indexedDatabase.createCollection("c", config: config)
    try b.createPayloadIndex(field: "tenant", type: .keyword)
    try b.createPayloadIndex(field: "year", type: .integer)
    try b.createPayloadIndex(field: "score", type: .float)
    try b.createPayloadIndex(field: "flag", type: .bool)
    try b.createPayloadIndex(field: "tags", type: .keyword)
    let tenants = ["acme", "globex", "initech"]
    for batch in 0..<4 {
      var points: [PointStruct] = []
      for index in 0..<60 {
        var payload: JSONObject = [:]
        if Int.random(in: 0..<10, using: &generator) > 0 {
          payload["tenant"] = .string(tenants.randomElement(using: &generator) ?? "acme")
        }
        if Int.random(in: 0..<10, using: &generator) > 1 {
          payload["year"] = .int(Int64.random(in: 2015...2025, using: &generator))
        }
        payload["score"] =
          Bool.random(using: &generator)
          ? .double(Double.random(in: 0...1, using: &generator)) : .int(Int64.random(in: 0...1, using: &generator))
        if Bool.random(using: &generator) { payload["flag"] = .bool(Bool.random(using: &generator)) }
        payload["tags"] = .array(
          (0..<Int.random(in: 0...2, using: &generator)).map { _ in
            .string(["x", "y", "z"].randomElement(using: &generator) ?? "x")
          })
        points.append(PointStruct(id: .number(UInt64(batch * 60 + index)), vector: [1, 0], payload: payload))
      }
      try a.upsert(points)
      try b.upsert(points)
      let doomed = PointSelector.ids((0..<10).map { _ in .number(UInt64.random(in: 0..<240, using: &generator)) })
      try a.delete(doomed)
      try b.delete(doomed)
    }
    let filters = [
      "tenant:acme", "tenant:[acme,initech] year>=2020", "!tenant:globex", "year>2017 year<=2021 | flag:true",
      "score>=0.5", "tags:x !tags:y", "tenant:acme | tenant:globex", "flag:false year:2019", "!(tenant:acme year<2020)",
      "tenant:empty", "year:null | score<0.1",
    ]
    for text in filters {
      let filter = try Filter.parse(text)
      #expect(try a.count(filter: filter) == b.count(filter: filter), "count differs for \(text)")
      let pageA = try a.scroll(filter: filter, limit: 500).points.map(\.id)
      let pageB = try b.scroll(filter: filter, limit: 500).points.map(\.id)
      #expect(pageA == pageB, "scroll differs for \(text)")
      // And both equal direct evaluation.
      let all = try a.scroll(limit: 500).points
      let expected = all.filter { filter.matches(id: $0.id, payload: $0.payload ?? [:]) }.map(\.id)
      #expect(pageA == expected, "evaluation differs for \(text)")
    }
    let schema = try b.info().payloadSchema
    #expect(schema.map(\.field) == ["tenant", "year", "score", "flag", "tags"])
  }
}
