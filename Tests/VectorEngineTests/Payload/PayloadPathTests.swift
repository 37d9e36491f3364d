import Testing

@testable import VectorEngine
@testable import Model

struct PayloadPathTests {
  private static func object(_ text: String) throws -> JSONObject {
    guard case .object(let object) = try JSONParser.parse(text) else {
      Issue.record("not an object: \(text)")
      return JSONObject()
    }
    return object
  }

  private static let arrays = """
    {
      "a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}]},
      "f": 3,
      "g": ["g0", "g1", "g2"],
      "arr": [{"a": [1, 2, 3]}, {"a": 4}, {"b": 5}],
      "arr1": [{"arr2": [{"a": 1}]}, {"arr2": [{"a": 3}, {"a": 5}]}],
      "a.b": "dotted",
      "h": null
    }
    """

  @Test func parsesDottedKeysProjectionsIndexesAndQuotedSegments() throws {
    #expect(
      try PayloadPath("country.cities[].population").segments == [
        .key("country"), .key("cities"), .allElements, .key("population"),
      ])
    #expect(try PayloadPath("\"a.b\".c").segments == [.key("a.b"), .key("c")])
    #expect(
      try PayloadPath("foo[1][50].bar-baz[]").segments == [
        .key("foo"), .element(1), .element(50), .key("bar-baz"), .allElements,
      ])
    #expect(try PayloadPath("名前.x_1").segments == [.key("名前"), .key("x_1")])
  }

  @Test(arguments: [
    ("a", "a"), ("\"a\".\"b\"", "a.b"), ("\"a.b\"[]", "\"a.b\"[]"), ("x[0].y", "x[0].y"),
    ("\"a b\".c", "\"a b\".c"), ("\"\"", "\"\""),
  ])
  func descriptionIsCanonical(text: String, canonical: String) throws {
    let path = try PayloadPath(text)
    #expect(path.description == canonical)
    #expect(try PayloadPath(path.description) == path)
  }

  @Test(arguments: [
    ("", 1, "empty key"),
    ("a..b", 3, "empty key segment"),
    (".a", 1, "empty key segment"),
    ("a.", 3, "expected a key segment"),
    ("a b", 2, "unexpected character in key; quote the segment"),
    ("a[x]", 2, "expected '[]' or '[N]'"),
    ("a[", 2, "expected '[]' or '[N]'"),
    ("[]", 1, "empty key segment"),
    ("\"abc", 1, "unterminated quoted key segment"),
    ("\"a\\b\"", 3, "a quoted key segment can't contain '\\'"),
  ])
  func rejectsInvalidKeysWithTheirColumn(text: String, column: Int, message: String) {
    #expect(throws: FilterSyntaxError(message: message, column: column)) {
      try PayloadPath(text)
    }
  }

  @Test func limitsTheNumberOfSegments() throws {
    let longest = Array(repeating: "a", count: PayloadPath.maximumSegments).joined(separator: ".")
    #expect(try PayloadPath(longest).segments.count == PayloadPath.maximumSegments)
    #expect(throws: FilterSyntaxError(message: "the key has too many segments", column: 256)) {
      try PayloadPath(longest + ".a")
    }
  }

  @Test(arguments: [
    ("a.b", "[[{\"c\":1},{\"c\":2},{\"d\":{\"e\":3}}]]"),
    ("a.b[].c", "[1,2]"),
    ("a.b[].d", "[{\"e\":3}]"),
    ("a.b[1].c", "[2]"),
    ("a.b[3]", "[]"),
    ("a.b.c", "[]"),  // no implicit flattening of arrays along the path
    ("g[2]", "[\"g2\"]"),
    ("f[]", "[]"),  // [] on a scalar finds nothing
    ("arr[].a", "[[1,2,3],4]"),  // leaf arrays stay one value
    ("arr[].a[]", "[1,2,3]"),
    ("arr1[].arr2[].a", "[1,3,5]"),
    ("\"a.b\"", "[\"dotted\"]"),
    ("h", "[null]"),
    ("missing.x", "[]"),
  ])
  func resolvesValuesLikeQdrant(key: String, expected: String) throws {
    let payload = try Self.object(Self.arrays)
    let values = try PayloadPath(key).values(in: payload)
    #expect(JSONValue.array(values) == (try JSONParser.parse(expected)))
  }

  @Test(arguments: [
    "a.b", "a.b[].c", "a.b[].d.e", "a.b[1].c", "a.b[9]", "a.b.c", "g[2]", "g[]", "f[]",
    "arr[].a", "arr[].a[]", "arr1[].arr2[].a", "\"a.b\"", "h", "missing", "arr1[1].arr2[0].a",
  ])
  func keyWalkVisitsTheSameValuesAsSegments(key: String) throws {
    let payload = try Self.object(Self.arrays)
    var visited: [JSONValue] = []
    let stopped = PayloadPath.firstValue(atKey: key, in: payload) { value in
      visited.append(value)
      return false
    }
    #expect(!stopped)
    #expect(visited == (try PayloadPath(key).values(in: payload)))
  }

  @Test func keyWalkStopsAtTheFirstAcceptedValue() throws {
    let payload = try Self.object(Self.arrays)
    var visits = 0
    let found = PayloadPath.firstValue(atKey: "arr1[].arr2[].a", in: payload) { value in
      visits += 1
      return value == .int(3)
    }
    #expect(found)
    #expect(visits == 2)
  }

  @Test func fieldNamesCompareByExactBytes() throws {
    let payload = JSONObject([("caf\u{E9}", 1), ("x", ["e\u{301}": 2])])
    #expect(try PayloadPath("caf\u{E9}").values(in: payload) == [1])
    #expect(try PayloadPath("cafe\u{301}").values(in: payload) == [])
    #expect(try PayloadPath("x.e\u{301}").values(in: payload) == [2])
    #expect(!PayloadPath.firstValue(atKey: "cafe\u{301}", in: payload) { _ in true })
    #expect(PayloadPath.firstValue(atKey: "x.e\u{301}", in: payload) { $0 == 2 })
  }

  @Test func fieldNamesCompareByExactBytesInWideObjects() throws {
    var inner = JSONObject()
    var pairs: [(String, JSONValue)] = [("caf\u{E9}", 1)]
    for index in 0..<40 {
      pairs.append(("k\(index)", .int(Int64(index))))
      inner["k\(index)"] = .int(Int64(index))
    }
    inner["e\u{301}"] = 2
    pairs.append(("x", .object(inner)))
    let payload = JSONObject(pairs)
    #expect(try PayloadPath("caf\u{E9}").values(in: payload) == [1])
    #expect(try PayloadPath("cafe\u{301}").values(in: payload) == [])
    #expect(try PayloadPath("x.e\u{301}").values(in: payload) == [2])
    #expect(try PayloadPath("x.\u{E9}").values(in: payload) == [])
    #expect(try PayloadPath("k39").values(in: payload) == [39])
    #expect(!PayloadPath.firstValue(atKey: "cafe\u{301}", in: payload) { _ in true })
    #expect(PayloadPath.firstValue(atKey: "caf\u{E9}", in: payload) { $0 == 1 })
    #expect(PayloadPath.firstValue(atKey: "x.e\u{301}", in: payload) { $0 == 2 })
    #expect(!PayloadPath.firstValue(atKey: "x.\u{E9}", in: payload) { _ in true })
    #expect(PayloadPath.firstValue(atKey: "x.k7", in: payload) { $0 == 7 })
  }

  @Test func keyWalkFindsNothingForMalformedKeys() throws {
    let payload = try Self.object(Self.arrays)
    for key in ["", "g[", "g[x]", "a..b", "\"a.b"] {
      #expect(!PayloadPath.firstValue(atKey: key, in: payload) { _ in true }, "\(key)")
    }
  }
}
