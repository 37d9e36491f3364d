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
  /// An empty filter matches every point. See the rules at the top of this file. To test many
  /// points, the engine prepares the filter once (``CompiledFilter``) instead.
  ///
  /// - Complexity: O(q + c·v): the size of the query, then the conditions times the payload
  ///   values each one visits.
  public func matches(id: PointID, payload: JSONObject) -> Bool {
    CompiledFilter(self).matches(id: id, payload: payload)
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
  /// - Complexity: O(q + v): the size of the condition, then the payload values visited.
  public func matches(id: PointID, payload: JSONObject) -> Bool {
    CompiledFilter(Filter(must: [self])).matches(id: id, payload: payload)
  }
}

extension FieldCondition {
  /// Equality of payload scalars: strings and bools exactly, numbers numerically (an integer
  /// equals a double holding exactly its value).
  static func scalar(_ value: JSONValue, equals expected: JSONValue) -> Bool {
    switch (value, expected) {
    case (.string(let a), .string(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b
    case (.int, _), (.uint, _), (.double, _):
      guard let a = exactInteger(value), let b = exactInteger(expected) else { return false }
      return a == b
    default: return false
    }
  }

  /// An integer or integral double as a (sign, magnitude) pair, or `nil`.
  private static func exactInteger(_ value: JSONValue) -> (negative: Bool, magnitude: UInt64)? {
    switch value {
    case .int(let number): (number < 0, number.magnitude)
    case .uint(let number): (false, number)
    case .double(let number):
      if let exact = Int64(exactly: number) {
        (exact < 0, exact.magnitude)
      } else if let exact = UInt64(exactly: number) {
        (false, exact)
      } else {
        nil
      }
    default: nil
    }
  }

  /// Whether `value` is a string whose words include every one of `words`.
  ///
  /// - Complexity: O(t) in the length of the string, whatever the number of `words`.
  static func text(_ value: JSONValue, containsEvery words: Set<String>) -> Bool {
    guard case .string(let text) = value, !words.isEmpty else { return false }
    var found = Set<String>()
    var complete = false
    forEachWord(in: text) { word in
      if words.contains(word) { found.insert(word) }
      complete = found.count == words.count
      return complete
    }
    return complete
  }

  /// The lowercased words of `text`: maximal runs of letters and digits.
  ///
  /// - Complexity: O(n) in the length of `text`.
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
