/// A ``Filter`` prepared once per query for evaluation against many points.
///
/// Everything that depends only on the query is done here, once: the words of a full-text
/// query are tokenized into a set, `has_id` lists become a set of ids, and the values of
/// `match any` / `match except` become hashed lookups. Evaluating a point then costs the
/// payload values it visits, never the size of the query again. The rules are those of
/// `FilterEvaluation.swift`.
///
/// Compiling for the engine (``compile(_:)``) also enforces the query caps: a full-text
/// match has at most ``maximumTextQueryWords`` different words.
package struct CompiledFilter {
  /// The most different words a full-text query may have.
  static let maximumTextQueryWords = 256

  /// One condition, prepared.
  indirect enum Condition {
    /// A test on the payload values at a key.
    case field(key: String, FieldTest)
    /// The key is missing, `null` or `[]`.
    case isEmpty(key: String)
    /// Some value at the key is `null`.
    case isNull(key: String)
    /// The point's id is one of these.
    case hasID(Set<PointID>)
    /// A nested filter.
    case filter(CompiledFilter)
  }

  /// A field condition, prepared.
  enum FieldTest {
    /// Equals this value (see ``FieldCondition/scalar(_:equals:)``).
    case matchValue(JSONValue)
    /// Equals one of these values.
    case matchAny(ScalarSet)
    /// A non-null value equal to none of these.
    case matchExcept(ScalarSet)
    /// A string containing every one of these lowercased words (never empty).
    case matchText(Set<String>)
    /// A text query without any word: matches nothing.
    case matchNothing
    /// A number within bounds.
    case range(RangeBounds)
  }

  /// Conditions that must all hold.
  let must: [Condition]
  /// Conditions of which at least one must hold, when not empty.
  let should: [Condition]
  /// Conditions of which none may hold.
  let mustNot: [Condition]
  /// At least `minCount` of `conditions` must hold, when present.
  let minShould: (conditions: [Condition], minCount: Int)?

  /// Prepares `filter` without enforcing the query caps.
  ///
  /// - Complexity: O(size of the filter).
  init(_ filter: Filter) {
    var largest: (key: String, words: Int)?
    self.init(filter, largestTextQuery: &largest)
  }

  /// Prepares `filter` for the engine, enforcing the query caps.
  ///
  /// - Complexity: O(size of the filter).
  /// - Throws: ``StoreError`` `invalidInput` when a full-text match has more than
  ///   ``maximumTextQueryWords`` different words.
  package static func compile(_ filter: Filter) throws(StoreError) -> CompiledFilter {
    var largest: (key: String, words: Int)?
    let compiled = CompiledFilter(filter, largestTextQuery: &largest)
    if let largest, largest.words > maximumTextQueryWords {
      throw StoreError(
        .invalidInput,
        "full-text match on \(largest.key) has \(largest.words) different words, over the cap of \(maximumTextQueryWords)"
      )
    }
    return compiled
  }

  private init(_ filter: Filter, largestTextQuery: inout (key: String, words: Int)?) {
    func prepare(_ conditions: [FilterCondition]) -> [Condition] {
      conditions.map { Self.prepare($0, largestTextQuery: &largestTextQuery) }
    }
    must = prepare(filter.must)
    should = prepare(filter.should)
    mustNot = prepare(filter.mustNot)
    minShould = filter.minShould.map { (prepare($0.conditions), $0.minCount) }
  }

  private static func prepare(
    _ condition: FilterCondition, largestTextQuery: inout (key: String, words: Int)?
  ) -> Condition {
    switch condition {
    case .field(let key, let test):
      let prepared: FieldTest
      switch test {
      case .matchValue(let value): prepared = .matchValue(value)
      case .matchAny(let values): prepared = .matchAny(ScalarSet(values))
      case .matchExcept(let values): prepared = .matchExcept(ScalarSet(values))
      case .range(let bounds): prepared = .range(bounds)
      case .matchText(let query):
        let words = FieldCondition.words(of: query)
        if words.count > largestTextQuery?.words ?? 0 { largestTextQuery = (key, words.count) }
        prepared = words.isEmpty ? .matchNothing : .matchText(words)
      }
      return .field(key: key, prepared)
    case .isEmpty(let key): return .isEmpty(key: key)
    case .isNull(let key): return .isNull(key: key)
    case .hasID(let ids): return .hasID(Set(ids))
    case .filter(let nested):
      return .filter(CompiledFilter(nested, largestTextQuery: &largestTextQuery))
    }
  }

  /// Whether the point with `id` and `payload` satisfies every clause.
  ///
  /// - Complexity: O(c·v): the conditions times the payload values each one visits.
  package func matches(id: PointID, payload: JSONObject) -> Bool {
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

extension CompiledFilter.Condition {
  /// Whether the point with `id` and `payload` satisfies this condition.
  ///
  /// - Complexity: O(v) in the payload values visited.
  package func matches(id: PointID, payload: JSONObject) -> Bool {
    switch self {
    case .field(let key, let test):
      return test.matchesSomeValue(atKey: key, in: payload)
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

extension CompiledFilter.FieldTest {
  /// Whether some value at `key`, or some element of such a value that is an array,
  /// satisfies this test.
  ///
  /// - Complexity: O(v) in the payload values visited (text match also tokenizes them).
  func matchesSomeValue(atKey key: String, in payload: JSONObject) -> Bool {
    switch self {
    case .matchValue(let expected):
      return Self.someElement(atKey: key, in: payload) {
        FieldCondition.scalar($0, equals: expected)
      }
    case .matchAny(let candidates):
      return Self.someElement(atKey: key, in: payload) { candidates.contains($0) }
    case .matchExcept(let excluded):
      return Self.someElement(atKey: key, in: payload) { $0 != .null && !excluded.contains($0) }
    case .matchText(let words):
      return Self.someElement(atKey: key, in: payload) {
        FieldCondition.text($0, containsEvery: words)
      }
    case .matchNothing:
      return false
    case .range(let bounds):
      return Self.someElement(atKey: key, in: payload) { element in
        element.numberValue.map(bounds.contains) ?? false
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
}
