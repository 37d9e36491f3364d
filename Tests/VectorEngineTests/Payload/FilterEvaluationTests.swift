import Testing

@testable import VectorEngine
@testable import Model

private let isLondon = #"{"key": "city", "match": {"value": "London"}}"#
private let isRed = #"{"key": "color", "match": {"value": "red"}}"#
private let threeConditions =
  isLondon + ", " + #"{"key": "color", "match": {"value": "blue"}}"# + ", "
  + #"{"key": "count", "match": {"value": 5}}"#

struct FilterEvaluationTests {
  private static func object(_ text: String) throws -> JSONObject {
    guard case .object(let object) = try JSONParser.parse(text) else {
      Issue.record("not an object: \(text)")
      return JSONObject()
    }
    return object
  }

  private static let payload = """
    {
      "city": "London", "color": "red", "count": 5, "five": 5.0, "price": 4.5, "flag": true,
      "tags": ["black", "green"], "n": null, "empty": [], "nulls": [null], "nested": [[1, 2]],
      "blank": "", "zero": 0, "years": [2019, 2030],
      "country": {
        "name": "Germany",
        "cities": [
          {"name": "Berlin", "population": 3.7, "sightseeing": ["Brandenburg Gate", "Reichstag"]},
          {"name": "Munich", "population": 1.5}
        ]
      },
      "arr": [{"b": null}, {"b": 1}], "allnull": [{"b": null}, {"b": []}], "objs": [{"x": 1}],
      "title": "The Quick, brown fox — jumps!", "titles": ["alpha beta", "gamma"],
      "mixed": ["a", 1, true, {"o": 1}]
    }
    """

  @Test(arguments: [
    // match value: exact strings, any element of an array, numbers numerically
    ("city:London", true), ("city:london", false), ("color:red", true),
    ("tags:black", true), ("tags:white", false),
    ("count:5", true), ("count:5.0", true), ("five:5", true), ("five:5.0", true),
    ("price:4.5", true), ("count:\"5\"", false), ("count:6", false),
    ("flag:true", true), ("flag:false", false), ("flag:\"true\"", false), ("flag:1", false),
    ("missing:x", false), ("nested:1", false), ("n:x", false),
    // nested keys and arrays along the path
    ("country.name:Germany", true), ("country.cities[].name:Munich", true),
    ("country.cities.name:Munich", false), ("country.cities[].sightseeing:Reichstag", true),
    ("country.cities[0].name:Munich", false), ("country.cities[1].name:Munich", true),
    // match any
    ("color:[red,blue]", true), ("color:[blue]", false), ("tags:[white,green]", true),
    ("count:[1,5.0]", true), ("missing:[a,b]", false),
    // match except (Qdrant NOT IN)
    ("color!:[black,yellow]", true), ("color!:[red]", false), ("tags!:[black,yellow]", true),
    ("tags!:[black,green]", false), ("missing!:[a]", false), ("n!:[a]", false),
    ("empty!:[a]", false), ("nulls!:[a]", false), ("flag!:[a]", true), ("count!:[5]", false),
    ("count!:[6]", true), ("nested!:[1]", true), ("mixed!:[a,1,true]", true),
    // range
    ("count>4", true), ("count>=5", true), ("count>5", false), ("price<4.5", false),
    ("price<=4.5", true), ("country.cities[].population>=3", true),
    ("country.cities[].population>=9", false), ("city>0", false), ("missing>0", false),
    ("mixed>0", true), ("count>=1 count<5", false),
    ("years>=2020 years<2025", false), ("(years>=2020) (years<2025)", true),
    // is_empty
    ("missing:empty", true), ("n:empty", true), ("empty:empty", true), ("nulls:empty", false),
    ("blank:empty", false), ("zero:empty", false), ("city:empty", false),
    ("arr[].b:empty", false), ("allnull[].b:empty", true), ("objs[].missing:empty", true),
    // is_null
    ("n:null", true), ("nulls:null", false), ("missing:null", false), ("empty:null", false),
    ("arr[].b:null", true), ("city:null", false),
    // has_id
    ("id:7", true), ("id:[1,2]", false), ("id!=7", false), ("id:[7,8]", true),
    ("id:00000000-0000-0000-0000-000000000007", false),
    // full-text match: all words, lowercased, alphanumeric words only
    ("title:~quick", true), ("title:~\"QUICK fox\"", true), ("title:~\"quick cat\"", false),
    ("title:~jumps", true), ("title:~jump", false), ("titles:~beta", true),
    ("titles:~\"alpha gamma\"", false), ("title:~\"!!!\"", false), ("count:~5", false),
    ("missing:~x", false),
    // negation and nesting
    ("color!=blue", true), ("missing!=x", true), ("color!=red", false), ("!n:null", false),
    ("!(city:London color:red)", false), ("(city:Paris | color:red) count:5", true),
    ("city:Paris | color:blue", false), ("city:Paris | !color:blue", true),
  ])
  func evaluatesTextFilters(expression: String, expected: Bool) throws {
    let payload = try Self.object(Self.payload)
    let filter = try Filter.parse(expression)
    #expect(filter.matches(id: .number(7), payload: payload) == expected)
  }

  @Test(arguments: [
    (#"{}"#, true),
    (#"{"must": [{"key": "city", "match": {"value": "London"}}], "should": []}"#, true),
    (#"{"should": [{"key": "city", "match": {"value": "Paris"}}]}"#, false),
    (#"{"min_should": {"conditions": ["# + threeConditions + #"], "min_count": 2}}"#, true),
    (#"{"min_should": {"conditions": ["# + threeConditions + #"], "min_count": 3}}"#, false),
    (#"{"must": [{"key": "tags", "match": {"any": []}}]}"#, false),
    (#"{"must": [{"key": "tags", "match": {"except": []}}]}"#, true),
    (#"{"must": [{"key": "count", "match": {"value": 4}, "range": {"gt": 4}}]}"#, true),
    (#"{"must": [{"key": "country.cities[].population", "range": {}}]}"#, true),
    (#"{"must": [{"key": "city", "range": {}}]}"#, false),
    (#"{"must": [{"has_id": [7]}], "must_not": [{"is_empty": {"key": "tags"}}]}"#, true),
  ])
  func evaluatesJSONFilters(json: String, expected: Bool) throws {
    let payload = try Self.object(Self.payload)
    #expect(try Filter.parse(json).matches(id: .number(7), payload: payload) == expected)
  }

  @Test func matchesUUIDPointIDs() throws {
    let id = try #require(PointID("550e8400-e29b-41d4-a716-446655440000"))
    let filter = try Filter.parse("id:550e8400-e29b-41d4-a716-446655440000")
    #expect(filter.matches(id: id, payload: JSONObject()))
    #expect(!filter.matches(id: .number(0), payload: JSONObject()))
  }

  private static let cities = [
    (1, "London", "green"), (2, "London", "red"), (3, "London", "blue"),
    (4, "Berlin", "red"), (5, "Moscow", "green"), (6, "Moscow", "blue"),
  ]

  @Test(arguments: [
    (
      "{\"must\": [\(isLondon), \(isRed)]}",
      [2]
    ),
    (
      "{\"should\": [\(isLondon), \(isRed)]}",
      [1, 2, 3, 4]
    ),
    (
      "{\"must_not\": [\(isLondon), \(isRed)]}",
      [5, 6]
    ),
    (
      "{\"must\": [\(isLondon)], \"must_not\": [\(isRed)]}",
      [1, 3]
    ),
    (
      "{\"must_not\": [{\"must\": [\(isLondon), \(isRed)]}]}",
      [1, 3, 4, 5, 6]
    ),
    ("city:London color:red", [2]),
    ("city:London | color:red", [1, 2, 3, 4]),
    ("city!=London color!=red", [5, 6]),
    ("city:London !color:red", [1, 3]),
    ("!(city:London color:red)", [1, 3, 4, 5, 6]),
    ("id:[1,3,5,7,9,11]", [1, 3, 5]),
  ])
  func selectsTheQdrantDocumentationPoints(filter expression: String, ids: [Int]) throws {
    let filter = try Filter.parse(expression)
    var selected: [Int] = []
    for (id, city, color) in Self.cities {
      let payload = JSONObject([("city", .string(city)), ("color", .string(color))])
      if filter.matches(id: .number(UInt64(id)), payload: payload) { selected.append(id) }
    }
    #expect(selected == ids)
  }

  @Test func conditionsEvaluateOnTheirOwn() throws {
    let payload = try Self.object(Self.payload)
    #expect(FilterCondition.isNull(key: "n").matches(id: .number(1), payload: payload))
    #expect(!FilterCondition.hasID([]).matches(id: .number(1), payload: payload))
    #expect(FilterCondition.filter(Filter()).matches(id: .number(1), payload: payload))
    #expect(
      !FilterCondition.field(key: "city", .matchValue(.null)).matches(
        id: .number(1), payload: payload))
  }

  @Test func textDescriptionOfTextFiltersReparsesToEquivalentFilters() throws {
    var random = FilterFuzzRandom(seed: 42)
    let payloads = (0..<40).map { _ in FilterFuzz.payload(using: &random) }
    for _ in 0..<400 {
      let expression = FilterFuzz.expression(depth: 3, using: &random)
      let filter = try Filter.parse(expression)
      let description = filter.textDescription
      #expect(!description.hasPrefix("{"), "\(expression) → \(description)")
      let reparsed = try Filter.parse(description)
      for (index, payload) in payloads.enumerated() {
        let id = PointID.number(UInt64(index % 4))
        #expect(
          filter.matches(id: id, payload: payload) == reparsed.matches(id: id, payload: payload),
          "\(expression) → \(description)")
      }
    }
  }

  @Test func textDescriptionOfAnyFilterReparsesToEquivalentFilters() throws {
    var random = FilterFuzzRandom(seed: 7)
    let payloads = (0..<40).map { _ in FilterFuzz.payload(using: &random) }
    var textual = 0
    for _ in 0..<400 {
      let filter = FilterFuzz.filter(depth: 2, using: &random)
      let description = filter.textDescription
      if !description.hasPrefix("{") { textual += 1 }
      let reparsed = try Filter.parse(description)
      for (index, payload) in payloads.enumerated() {
        let id = PointID.number(UInt64(index % 4))
        #expect(
          filter.matches(id: id, payload: payload) == reparsed.matches(id: id, payload: payload),
          "\(description)")
      }
    }
    #expect(textual > 50)
  }

  @Test func textDescriptionWritesReadableText() {
    #expect(
      Filter(
        must: [
          .field(key: "tenant", .matchValue("acme")),
          .field(key: "year", .range(RangeBounds(gte: 2020, lt: 2025))),
          .field(key: "tag", .matchAny(["a", "b"])), .hasID([.number(42)]),
          .field(key: "id", .matchValue(1)),
        ],
        mustNot: [.field(key: "lang", .matchValue("de")), .isNull(key: "x")]
      ).textDescription
        == "tenant:acme year>=2020 year<2025 tag:[a,b] id:42 \"id\":1 lang!=de x!=null")
    #expect(
      Filter(should: [
        .filter(Filter(must: [.isEmpty(key: "a"), .field(key: "b", .matchText("x y"))])),
        .field(key: "c", .matchValue("null")),
      ]).textDescription
        == "a:empty b:~\"x y\" | c:\"null\"")
    #expect(
      Filter(minShould: MinShould(conditions: [.isNull(key: "a")], minCount: 1)).textDescription
        == #"{"min_should":{"conditions":[{"is_null":{"key":"a"}}],"min_count":1}}"#)
    #expect(Filter().textDescription == "{}")
  }
}

/// SplitMix64, so random tests are reproducible.
struct FilterFuzzRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random filters (as text and as ASTs) and payloads over a small shared vocabulary.
enum FilterFuzz {
  private static let terms = [
    "a:1", "a:x", "a:\"x\"", "a:1.0", "a!=x", "a:[x,1]", "a:x,y", "a!:[x]", "a!:1,y", "a>0",
    "a>=1", "a<2.5", "a<=0", "a:null", "a:empty", "a!=null", "a!=empty", "a:true",
    "tags:x", "tags:[y,\"Z z\"]", "tags!:[x]", "tags:empty", "tags>=1", "tags:null",
    "c.d:x", "c.d:null", "c.d>1", "arr[].x>1", "arr[].x:1", "arr[].x:empty", "arr[].x!:[1]",
    "t:~z", "t:~\"z Q\"", "t!=~q", "id:1", "id:[2,3]", "id!=1", "\"id\":1", "b>1 b<3",
    "b>=2", "b<3", "b>1", "!b<2",
  ]

  /// A random valid text expression.
  static func expression(depth: Int, using random: inout FilterFuzzRandom) -> String {
    let atom = terms.randomElement(using: &random) ?? "a:1"
    guard depth > 0 else { return atom }
    switch Int.random(in: 0...5, using: &random) {
    case 0: return "!" + expression(depth: depth - 1, using: &random)
    case 1: return "(" + expression(depth: depth - 1, using: &random) + ")"
    case 2, 3:
      return expression(depth: depth - 1, using: &random) + " "
        + expression(depth: depth - 1, using: &random)
    case 4:
      return expression(depth: depth - 1, using: &random) + " | "
        + expression(depth: depth - 1, using: &random)
    default: return atom
    }
  }

  private static let scalars: [JSONValue] = [
    "x", "y", "Z z", "q", 0, 1, 1.0, 2, 2.5, 3, true, false,
  ]

  /// A random payload over keys a, b, c.d, tags, arr[].x, t and id.
  static func payload(using random: inout FilterFuzzRandom) -> JSONObject {
    func value() -> JSONValue {
      switch Int.random(in: 0...9, using: &random) {
      case 0: return .null
      case 1: return []
      case 2: return [.null]
      case 3, 4:
        return .array(
          (0..<Int.random(in: 1...3, using: &random)).map { _ in
            scalars.randomElement(using: &random) ?? 0
          })
      default: return scalars.randomElement(using: &random) ?? 0
      }
    }
    var object = JSONObject()
    for key in ["a", "b", "tags", "t", "id"] where Int.random(in: 0...4, using: &random) > 0 {
      object[key] = value()
    }
    if Bool.random(using: &random) {
      object["c"] = Bool.random(using: &random) ? ["d": value()] : value()
    }
    if Bool.random(using: &random) {
      object["arr"] = .array(
        (0..<Int.random(in: 0...3, using: &random)).map { _ in
          Bool.random(using: &random) ? ["x": value()] : value()
        })
    }
    if Bool.random(using: &random) {
      object["t"] = ["z q", "Z", "q r"].randomElement(using: &random).map { .string($0) }
    }
    return object
  }

  private static let keys = ["a", "b", "c.d", "tags", "arr[].x", "id", "\"odd key\".x", "arr[0].x"]
  private static let values: [JSONValue] = [
    "x", "Y z", "", "null", 0, -7, 1, 2.5, 1e20, true, false,
  ]

  /// A random filter AST of the shapes the parsers produce.
  static func filter(depth: Int, using random: inout FilterFuzzRandom) -> Filter {
    func conditions() -> [FilterCondition] {
      (0..<Int.random(in: 0...2, using: &random)).map { _ in condition(depth: depth, using: &random)
      }
    }
    var filter = Filter(must: conditions(), should: conditions(), mustNot: conditions())
    if Int.random(in: 0...4, using: &random) == 0, depth > 0 {
      let candidates = (0..<Int.random(in: 1...3, using: &random)).map { _ in
        condition(depth: depth - 1, using: &random)
      }
      filter.minShould = MinShould(
        conditions: candidates, minCount: Int.random(in: 1...candidates.count, using: &random))
    }
    return filter
  }

  /// A random condition; nested filters only while `depth > 0`.
  static func condition(depth: Int, using random: inout FilterFuzzRandom) -> FilterCondition {
    let key = keys.randomElement(using: &random) ?? "a"
    let value = values.randomElement(using: &random) ?? 0
    let list = (0..<Int.random(in: 0...3, using: &random)).map { _ in
      values.randomElement(using: &random) ?? 0
    }
    func bound() -> Double? {
      Bool.random(using: &random) ? Double(Int.random(in: -5...5, using: &random)) / 2 : nil
    }
    switch Int.random(in: 0...(depth > 0 ? 10 : 8), using: &random) {
    case 0: return .field(key: key, .matchValue(value))
    case 1: return .field(key: key, .matchAny(list))
    case 2: return .field(key: key, .matchExcept(list))
    case 3:
      return .field(key: key, .matchText(["z", "q Z", "x y"].randomElement(using: &random) ?? "z"))
    case 4:
      return .field(
        key: key, .range(RangeBounds(gt: bound(), gte: bound(), lt: bound(), lte: bound())))
    case 5: return .isEmpty(key: key)
    case 6: return .isNull(key: key)
    case 7:
      return .hasID([.number(UInt64.random(in: 0...4, using: &random)), .uuid(high: 7, low: 9)])
    case 8: return .hasID([])
    default: return .filter(filter(depth: depth - 1, using: &random))
    }
  }
}
