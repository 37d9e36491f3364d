// Evaluating filters against one point, with Qdrant's semantics.
//
// The rules, checked against Qdrant's `query_checker.rs`, `condition_checker.rs` and
// `common/utils.rs` (payload storage without indexes):
//
// - Values: a condition on `key` looks at every value that ``PayloadPath`` resolves for `key`
//   (no implicit flattening of arrays along the path; `[]` projects). Each resolved value that
//   is an array is looked into one level: the condition holds when any element satisfies it.
//   A nested array inside that array is one element, and matches nothing but `except`.
// - A missing field (no resolved value) never satisfies a field condition, `except` included.
// - `match value`: any element equals the value. Strings and bools compare exactly; numbers
//   compare numerically, so `5` equals `5.0` (Qdrant only compares integers here; we accept
//   float payloads too). `null`, objects and arrays equal nothing.
// - `match any`: any element equals one of the values (IN). An empty list matches nothing.
// - `match except`: any element is a non-null value that equals none of the values (NOT IN).
//   So `[]`, `null` and a missing field do not match; `["a", "b"]` matches `except ["a"]`
//   because of `"b"`; a value of another type (a bool, an object) matches.
// - `match text`: any element is a string containing every word of the query. Words are
//   maximal runs of letters and digits, compared lowercased. A query without any word
//   matches nothing (as Qdrant's full-text index does).
// - `range`: any element is a number within the bounds; other types are ignored.
// - `is_empty`: every resolved value is `null` or `[]` (so a missing field is empty, while
//   `[null]` and `""` are not).
// - `is_null`: some resolved value is `null` itself (so `[null]` is not null, while
//   `a[].b` on `[{"b": null}, {"b": 1}]` is).
// - `has_id`: the point's id is in the list.
// - Clauses: all of `must`, none of `must_not`, at least one of `should` when it is not empty,
//   and at least `min_count` of `min_should`'s conditions.

extension Filter {
  /// Whether the point with `id` and `payload` satisfies every clause of the filter.
  ///
  /// An empty filter matches every point. See the rules at the top of this file.
  ///
  /// - Complexity: O(c·v): the conditions times the payload values each one visits.
  public func matches(id: PointID, payload: JSONObject) -> Bool {
    for condition in must where !condition.matches(id: id, payload: payload) { return false }
    for condition in mustNot where condition.matches(id: id, payload: payload) { return false }
    if !should.isEmpty, !should.contains(where: { $0.matches(id: id, payload: payload) }) {
      return false
    }
    if let minShould, minShould.minCount > 0 {
      var count = 0
      for condition in minShould.conditions where condition.matches(id: id, payload: payload) {
        count += 1
        if count >= minShould.minCount { return true }
      }
      return false
    }
    return true
  }
}

extension FilterCondition {
  /// Whether the point with `id` and `payload` satisfies this condition.
  ///
  /// - `field`: some value at the key satisfies the field condition (missing fields never do).
  /// - `isEmpty`: every value at the key is `null` or `[]`, or there is none.
  /// - `isNull`: some value at the key is `null` (an array holding `null` is not).
  /// - `hasID`: `id` is in the list.
  /// - `filter`: the nested filter matches.
  ///
  /// - Complexity: O(v) in the payload values visited, times the nested conditions.
  public func matches(id: PointID, payload: JSONObject) -> Bool {
    switch self {
    case .field(let key, let condition):
      return condition.matchesSomeValue(atKey: key, in: payload)
    case .isEmpty(let key):
      return !PayloadPath.firstValue(atKey: key, in: payload) { value in
        switch value {
        case .null: false
        case .array(let elements): !elements.isEmpty
        default: true
        }
      }
    case .isNull(let key):
      return PayloadPath.firstValue(atKey: key, in: payload) { $0 == .null }
    case .hasID(let ids):
      return ids.contains(id)
    case .filter(let filter):
      return filter.matches(id: id, payload: payload)
    }
  }
}

extension FieldCondition {
  /// Whether some value at `key` in `payload`, or some element of such a value that is an
  /// array, satisfies this condition.
  ///
  /// - Complexity: O(v) in the payload values visited (text match also tokenizes them).
  func matchesSomeValue(atKey key: String, in payload: JSONObject) -> Bool {
    // Switch once, outside the per-value closures, so they capture only what they test.
    switch self {
    case .matchValue(let expected):
      return Self.someElement(atKey: key, in: payload) { Self.scalar($0, equals: expected) }
    case .matchAny(let candidates):
      return Self.someElement(atKey: key, in: payload) { element in
        candidates.contains { Self.scalar(element, equals: $0) }
      }
    case .matchExcept(let excluded):
      return Self.someElement(atKey: key, in: payload) { element in
        element != .null && !excluded.contains { Self.scalar(element, equals: $0) }
      }
    case .matchText(let query):
      let words = Self.words(of: query)
      guard !words.isEmpty else { return false }
      return Self.someElement(atKey: key, in: payload) { Self.text($0, containsEvery: words) }
    case .range(let bounds):
      return Self.someElement(atKey: key, in: payload) { element in
        switch element {
        case .int(let number): bounds.contains(Double(number))
        case .double(let number): bounds.contains(number)
        default: false
        }
      }
    }
  }

  /// Whether `test` holds for some value at `key` that is not an array, or for some element
  /// of a value at `key` that is an array (one level).
  private static func someElement(
    atKey key: String, in payload: JSONObject, _ test: (JSONValue) -> Bool
  ) -> Bool {
    PayloadPath.firstValue(atKey: key, in: payload) { value in
      if case .array(let elements) = value { return elements.contains(where: test) }
      return test(value)
    }
  }

  /// Equality of payload scalars: strings and bools exactly, numbers numerically.
  static func scalar(_ value: JSONValue, equals expected: JSONValue) -> Bool {
    switch (value, expected) {
    case (.string(let a), .string(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b
    case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
      guard let exact = Int64(exactly: b) else { return false }
      return a == exact
    default: return false
    }
  }

  /// Whether `value` is a string whose words include every one of `words`.
  private static func text(_ value: JSONValue, containsEvery words: Set<String>) -> Bool {
    guard case .string(let text) = value, !words.isEmpty else { return false }
    var missing = words
    forEachWord(in: text) { word in
      missing.remove(word)
      return missing.isEmpty
    }
    return missing.isEmpty
  }

  /// The lowercased words of `text`: maximal runs of letters and digits.
  static func words(of text: String) -> Set<String> {
    var words: Set<String> = []
    forEachWord(in: text) { word in
      words.insert(word)
      return false
    }
    return words
  }

  /// Calls `body` with each lowercased word of `text` until it returns `true`.
  private static func forEachWord(in text: String, _ body: (String) -> Bool) {
    var start: String.Index?
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character.isLetter || character.isNumber {
        if start == nil { start = index }
      } else if let wordStart = start {
        if body(text[wordStart..<index].lowercased()) { return }
        start = nil
      }
      index = text.index(after: index)
    }
    if let wordStart = start { _ = body(text[wordStart...].lowercased()) }
  }
}
