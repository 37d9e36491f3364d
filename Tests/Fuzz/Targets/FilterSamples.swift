@testable import VectorEngine
@testable import Model

/// Points to evaluate a filter on: fixed payloads plus, for each condition of the filter,
/// payloads that put values near the condition's own at its key, so that a filter and its
/// rewritten form are compared where they could differ.
enum FilterSamples {
  /// The most payloads made for one filter.
  static let maximumPayloads = 96

  /// Payloads that every filter is tried on.
  static let fixed: [JSONObject] = [
    JSONObject(),
    JSONObject([
      ("tenant", .string("acme")), ("year", .int(2020)), ("score", .double(0.5)),
      ("flag", .bool(true)), ("note", .null), ("tags", .array([.string("a"), .string("b")])),
      ("title", .string("Vector database basics")), ("empty", .array([])),
      ("a", .object(JSONObject([("b", .int(1)), ("c", .array([.int(1), .null]))]))),
    ]),
    JSONObject([("id", .int(42)), ("tenant", .array([.null, .string("other")]))]),
  ]

  /// Ids that every filter is tried with.
  static let ids: [PointID] = [.number(0), .number(42), .uuid(high: 1, low: 2)]

  /// The payloads and ids to evaluate `filter` on.
  static func points(for filter: Filter) -> (payloads: [JSONObject], ids: [PointID]) {
    var payloads = fixed
    var ids = ids
    var visit: [FilterCondition] = filter.must + filter.should + filter.mustNot
    visit += filter.minShould?.conditions ?? []
    var visited = 0
    while let condition = visit.popLast(), visited < 256, payloads.count < maximumPayloads {
      visited += 1
      switch condition {
      case .field(let key, let test):
        for value in values(near: test) {
          for wrapped in [value, .array([value]), .array([.null, value])] {
            if let payload = payload(placing: wrapped, at: key) { payloads.append(payload) }
          }
        }
      case .isEmpty(let key), .isNull(let key):
        for value in [JSONValue.null, .array([]), .array([.null]), .string("")] {
          if let payload = payload(placing: value, at: key) { payloads.append(payload) }
        }
      case .hasID(let listed):
        ids += listed.prefix(4)
      case .filter(let nested):
        visit += nested.must + nested.should + nested.mustNot
        visit += nested.minShould?.conditions ?? []
      }
    }
    return (Array(payloads.prefix(maximumPayloads)), ids)
  }

  /// Values at and around what `test` compares with.
  private static func values(near test: FieldCondition) -> [JSONValue] {
    switch test {
    case .matchValue(let value): return [value, .string("zz")] + numbersNear(value.numberValue)
    case .matchAny(let values), .matchExcept(let values):
      return Array(values.prefix(3)) + [.string("zz"), .bool(false)]
    case .matchText(let text): return [.string(text), .string(text.uppercased()), .string("")]
    case .range(let bounds):
      return [bounds.gt, bounds.gte, bounds.lt, bounds.lte].flatMap { numbersNear($0) }
    }
  }

  private static func numbersNear(_ number: Double?) -> [JSONValue] {
    guard let number, number.isFinite else { return [] }
    var values: [JSONValue] = [.double(number), .double(number + 1), .double(number - 1)]
    if let exact = Int64(exactly: number) { values.append(.int(exact)) }
    return values
  }

  /// A payload holding `value` where `key` (a ``PayloadPath``) looks, or `nil` when the key
  /// does not parse or reaches too far into arrays.
  static func payload(placing value: JSONValue, at key: String) -> JSONObject? {
    guard let path = try? PayloadPath(key), case .key(let first) = path.segments.first else {
      return nil
    }
    var built = value
    for segment in path.segments.dropFirst().reversed() {
      switch segment {
      case .key(let name): built = .object(JSONObject([(name, built)]))
      case .allElements: built = .array([built])
      case .element(let position):
        guard position <= 8 else { return nil }
        built = .array(Array(repeating: .null, count: position) + [built])
      }
    }
    return JSONObject([(first, built)])
  }
}
