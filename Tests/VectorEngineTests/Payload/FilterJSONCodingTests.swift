import Testing

@testable import VectorEngine
@testable import Model

struct FilterJSONCodingTests {
  private static func match(_ key: String, _ value: JSONValue) -> FilterCondition {
    .field(key: key, .matchValue(value))
  }

  private static func filter(_ json: String) throws -> Filter {
    try Filter(json: try JSONParser.parse(json))
  }

  @Test(arguments: [
    (
      """
      {"must": [{"key": "city", "match": {"value": "London"}},
                {"key": "color", "match": {"value": "red"}}]}
      """,
      Filter(must: [match("city", "London"), match("color", "red")])
    ),
    (
      """
      {"should": [{"key": "city", "match": {"value": "London"}},
                  {"key": "color", "match": {"value": "red"}}]}
      """,
      Filter(should: [match("city", "London"), match("color", "red")])
    ),
    (
      """
      {"must": [{"key": "city", "match": {"value": "London"}}],
       "must_not": [{"key": "color", "match": {"value": "red"}}]}
      """,
      Filter(must: [match("city", "London")], mustNot: [match("color", "red")])
    ),
    (
      """
      {"must_not": [{"must": [{"key": "city", "match": {"value": "London"}},
                              {"key": "color", "match": {"value": "red"}}]}]}
      """,
      Filter(mustNot: [.filter(Filter(must: [match("city", "London"), match("color", "red")]))])
    ),
    (
      #"{"key": "count", "match": {"value": 0}}"#.wrappedInMust,
      Filter(must: [match("count", 0)])
    ),
    (
      #"{"key": "color", "match": {"any": ["black", "yellow"]}}"#.wrappedInMust,
      Filter(must: [.field(key: "color", .matchAny(["black", "yellow"]))])
    ),
    (
      #"{"key": "color", "match": {"except": ["black", "yellow"]}}"#.wrappedInMust,
      Filter(must: [.field(key: "color", .matchExcept(["black", "yellow"]))])
    ),
    (
      #"{"should": [{"key": "country.name", "match": {"value": "Germany"}}]}"#,
      Filter(should: [match("country.name", "Germany")])
    ),
    (
      #"{"should": [{"key": "country.cities[].population", "range": {"gte": 9.0}}]}"#,
      Filter(should: [.field(key: "country.cities[].population", .range(RangeBounds(gte: 9)))])
    ),
    (
      #"{"key": "price", "range": {"gt": null, "gte": 100.0, "lt": null, "lte": 450}}"#
        .wrappedInMust,
      Filter(must: [.field(key: "price", .range(RangeBounds(gte: 100, lte: 450)))])
    ),
    (
      #"{"key": "description", "match": {"text": "good cheap"}}"#.wrappedInMust,
      Filter(must: [.field(key: "description", .matchText("good cheap"))])
    ),
    (
      #"{"is_empty": {"key": "reports"}}"#.wrappedInMust,
      Filter(must: [.isEmpty(key: "reports")])
    ),
    (
      #"{"is_null": {"key": "reports"}}"#.wrappedInMust,
      Filter(must: [.isNull(key: "reports")])
    ),
    (
      #"{"has_id": [1, 3, 5, 7, 9, 11]}"#.wrappedInMust,
      Filter(must: [.hasID([1, 3, 5, 7, 9, 11].map { PointID.number($0) })])
    ),
    (
      #"{"has_id": ["550e8400-e29b-41d4-a716-446655440000"]}"#.wrappedInMust,
      Filter(must: [.hasID([.uuid(high: 0x550e_8400_e29b_41d4, low: 0xa716_4466_5544_0000)])])
    ),
    (
      """
      {"must": [{"key": "city", "match": {"value": "London"}}],
       "min_should": {"conditions": [{"key": "color", "match": {"value": "red"}},
                                     {"key": "color", "match": {"value": "blue"}},
                                     {"key": "size", "range": {"lt": 3}}],
                      "min_count": 2}}
      """,
      Filter(
        must: [match("city", "London")],
        minShould: MinShould(
          conditions: [
            match("color", "red"), match("color", "blue"),
            .field(key: "size", .range(RangeBounds(lt: 3))),
          ], minCount: 2))
    ),
    (
      #"{"must": {"key": "city", "match": {"value": "London"}}, "should": null}"#,
      Filter(must: [match("city", "London")])
    ),
    (#"{}"#, Filter()),
    (#"{"must": [{}]}"#, Filter(must: [.filter(Filter())])),
    (
      #"{"must": [{"key": "a", "match": {"value": 1}, "range": {"gt": 5}}]}"#,
      Filter(must: [
        .filter(
          Filter(should: [match("a", 1), .field(key: "a", .range(RangeBounds(gt: 5)))]))
      ])
    ),
    (
      #"{"must": [{"key": "mixed", "match": {"any": ["a", 1, 2.5, true]}}]}"#,
      Filter(must: [.field(key: "mixed", .matchAny(["a", 1, 2.5, true]))])
    ),
  ])
  func readsQdrantDocumentationExamples(json: String, expected: Filter) throws {
    #expect(try Self.filter(json) == expected)
    #expect(try Filter.parse(json) == expected)
  }

  @Test(arguments: [
    (#"{"mst": []}"#, "mst", "unknown member; expected must, should, must_not, min_should"),
    (
      #"{"must": [{"key": "a", "match": {"valeu": 1}}]}"#, "must[0].match.valeu",
      "unknown match kind; expected value, any, except or text"
    ),
    (#"{"must": [{"key": "a"}]}"#, "must[0]", "a field condition needs 'match' or 'range'"),
    (
      #"{"should": [{"key": "a", "match": {"value": 1}}, {"key": "b", "rnge": {}}]}"#,
      "should[1].rnge", "unknown field condition member; expected key, match or range"
    ),
    (
      #"{"must": {"nested": {"key": "x", "filter": {}}}}"#, "must.nested",
      "nested conditions are not supported"
    ),
    (
      #"{"must": [{"has_vector": "image"}]}"#, "must[0].has_vector",
      "has_vector conditions are not supported"
    ),
    (
      #"{"must": [{"key": "a", "geo_radius": {}}]}"#, "must[0].geo_radius",
      "'geo_radius' in a field condition is not supported"
    ),
    (
      #"{"must": [{"key": "a", "match": {"prefix": "x"}}]}"#, "must[0].match.prefix",
      "'prefix' matching is not supported"
    ),
    (
      #"{"must": [{"key": "a", "range": {"gt": "2020-01-01T00:00:00Z"}}]}"#, "must[0].range.gt",
      "expected a number (datetime ranges are not supported)"
    ),
    (
      #"{"must": [{"key": "a", "range": {"gt": 1, "ge": 2}}]}"#, "must[0].range.ge",
      "unknown member; expected gt, gte, lt, lte"
    ),
    (
      #"{"must": [{"key": "a", "match": {"value": null}}]}"#, "must[0].match.value",
      "null can't be matched; use an is_null condition"
    ),
    (
      #"{"must": [{"key": "a", "match": {"value": [1]}}]}"#, "must[0].match.value",
      "expected a string, number or bool"
    ),
    (
      #"{"must": [{"key": "a", "match": {"any": ["x", {}]}}]}"#, "must[0].match.any[1]",
      "expected a string, number or bool"
    ),
    (
      #"{"must": [{"key": "a", "match": {"any": "x"}}]}"#, "must[0].match.any",
      "expected an array of values"
    ),
    (
      #"{"must": [{"key": "a", "match": {}}]}"#, "must[0].match",
      "expected an object with one of value, any, except or text"
    ),
    (
      #"{"must": [{"key": "a..b", "match": {"value": 1}}]}"#, "must[0].key",
      "invalid key: empty key segment at character 3"
    ),
    (
      #"{"must": [{"key": 5, "match": {"value": 1}}]}"#, "must[0].key",
      "expected a payload key string"
    ),
    (
      #"{"must": [{"has_id": [1, -2]}]}"#, "must[0].has_id[1]",
      "expected a point id (a non-negative integer or a UUID string)"
    ),
    (
      #"{"must": [{"is_empty": {"key": "a", "x": 1}}]}"#, "must[0].is_empty.x",
      "unknown member; expected key"
    ),
    (#"{"must": [{"is_null": "a"}]}"#, "must[0].is_null", "expected an object with 'key'"),
    (
      #"{"must": [{"key": "a", "is_empty": true}]}"#, "must[0].is_empty",
      "'is_empty' in a field condition is not supported; use {\"is_empty\": {\"key\": ...}}"
    ),
    (
      #"{"must": [{"must": [], "foo": 1}]}"#, "must[0].foo",
      "unknown condition member; expected key, is_empty, is_null, has_id, "
        + "must, should, must_not or min_should"
    ),
    (#"{"must": 3}"#, "must", "expected an array of conditions or one condition object"),
    (#"{"must": [3]}"#, "must[0]", "expected a condition object"),
    (
      #"{"min_should": {"conditions": [], "min_count": 0}}"#, "min_should.min_count",
      "expected a positive integer"
    ),
    (
      #"{"min_should": {"conditions": {}, "min_count": 1}}"#, "min_should.conditions",
      "expected an array of conditions"
    ),
    (
      #"{"min_should": {"conditions": [], "min_count": 1, "x": 2}}"#, "min_should.x",
      "unknown member; expected conditions, min_count"
    ),
  ])
  func errorsNameTheJSONPath(json: String, path: String, message: String) throws {
    let error = try #require(throws: FilterSyntaxError.self) { try Self.filter(json) }
    #expect(error.path == path)
    #expect(error.message == message)
    let parsed = try #require(throws: FilterSyntaxError.self) { try Filter.parse(json) }
    #expect(parsed.path == path)
    #expect(parsed.message == message)
  }

  @Test func parseLocatesSemanticErrorsInMultilineJSON() throws {
    let json = """
      {
        "must": [
          {"key": "city", "match": {"value": "London"}},
          {"key": "color", "match": {"valeu": "red"}}
        ]
      }
      """
    let error = try #require(throws: FilterSyntaxError.self) { try Filter.parse(json) }
    #expect(error.line == 4)
    #expect(error.column == 32)
    #expect(error.path == "must[1].match.valeu")
    #expect(
      error.caretDiagram(for: json)
        == """
            {"key": "color", "match": {"valeu": "red"}}
                                       ^
        """)
  }

  @Test func parsePointsAtTheOffendingValue() throws {
    let json = #"{"must": [{"key": "é", "range": {"gt": "x"}}]}"#
    let error = try #require(throws: FilterSyntaxError.self) { try Filter.parse(json) }
    #expect(error.path == "must[0].range.gt")
    #expect(error.line == 1)
    #expect(error.column == 40)  // counted in Characters: "é" is one
    #expect(error.caretDiagram(for: json).hasSuffix("\n" + String(repeating: " ", count: 39) + "^"))
  }

  @Test func parseReportsMalformedJSONWithLineAndColumn() throws {
    let json = "{\n  \"must\": [\n    {\"key\": \"a\",}\n  ]\n}"
    let error = try #require(throws: FilterSyntaxError.self) { try Filter.parse(json) }
    #expect(error.line == 3)
    #expect(error.column == 17)
    #expect(error.path == nil)
    #expect(error.message.hasPrefix("invalid JSON: "))
    #expect(error.caretDiagram(for: json) == "    {\"key\": \"a\",}\n                ^")
  }

  @Test func parseTreatsLeadingBraceAfterWhitespaceAsJSON() throws {
    #expect(
      try Filter.parse("  \n {\"must\": {\"has_id\": [3]}}") == Filter(must: [.hasID([.number(3)])])
    )
  }

  @Test func writesOnlyPresentClausesInQdrantShape() throws {
    let filter = Filter(
      must: [.field(key: "year", .range(RangeBounds(gte: 2020))), .hasID([.number(1)])],
      mustNot: [.isNull(key: "x")])
    let expected = try JSONParser.parse(
      """
      {"must": [{"key": "year", "range": {"gte": 2020.0}}, {"has_id": [1]}],
       "must_not": [{"is_null": {"key": "x"}}]}
      """)
    #expect(filter.json == expected)
    #expect(Filter().json == .object(JSONObject()))
  }

  @Test(arguments: [
    Filter(),
    Filter(must: [match("a", "x"), match("b", 2.5), match("c", true)]),
    Filter(should: [.field(key: "t", .matchText("hello world")), .isEmpty(key: "e")]),
    Filter(mustNot: [.field(key: "k", .matchExcept(["a", 1])), .field(key: "k", .matchAny([]))]),
    Filter(
      must: [.filter(Filter(should: [.hasID([.number(1), .uuid(high: 1, low: 2)])]))],
      minShould: MinShould(conditions: [.isNull(key: "\"a.b\"[]"), match("x", -1)], minCount: 1)),
    Filter(must: [.field(key: "r", .range(RangeBounds(gt: -1.5, gte: 0, lt: 1e300, lte: 7)))]),
  ])
  func roundTripsThroughJSON(filter: Filter) throws {
    #expect(try Filter(json: filter.json) == filter)
    #expect(try Filter.parse(JSONWriter.pretty(filter.json)) == filter)
  }

  @Test func roundTripsRandomFiltersThroughJSON() throws {
    var random = FilterFuzzRandom(seed: 0x5eed_cafe)
    for _ in 0..<300 {
      let filter = FilterFuzz.filter(depth: 3, using: &random)
      #expect(try Filter(json: filter.json) == filter)
      #expect(try Filter.parse(JSONWriter.compact(filter.json)) == filter)
    }
  }
}

extension String {
  fileprivate var wrappedInMust: String { #"{"must": ["# + self + "]}" }
}
