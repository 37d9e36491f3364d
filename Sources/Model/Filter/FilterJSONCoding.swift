/// Qdrant's JSON filter model, read and written.
///
/// ```json
/// {
///   "must": [
///     {"key": "city", "match": {"value": "London"}},
///     {"key": "country.cities[].population", "range": {"gte": 9.0}}
///   ],
///   "should": {"has_id": [1, 2, "550e8400-e29b-41d4-a716-446655440000"]},
///   "must_not": [{"is_empty": {"key": "reports"}}, {"is_null": {"key": "packaging"}}],
///   "min_should": {"conditions": [{"must": []}, {"key": "tag", "match": {"any": ["a", "b"]}}],
///                  "min_count": 1}
/// }
/// ```
///
/// Reading follows Qdrant: a clause may be one condition instead of an array, or `null`;
/// a condition is a field condition (`key` with `match` — one of `value`, `any`, `except`,
/// `text` — and/or `range` with `gt`, `gte`, `lt`, `lte`), `is_empty`, `is_null`, `has_id`,
/// or a nested filter object. Qdrant conditions this engine cannot evaluate (`nested`,
/// `has_vector`, geo, `values_count`, `text_any`, `phrase`, `prefix`, datetime ranges) are
/// rejected as not supported, and unknown members are errors; both name the JSON path.
///
/// Where Qdrant is narrower we accept a superset: `match.value` may be a float and
/// `any`/`except` lists may mix strings, numbers and bools (Qdrant wants one type).
extension Filter {
  /// Reads a filter from Qdrant's JSON model.
  ///
  /// Errors carry the JSON ``FilterSyntaxError/path`` of the problem; their line and column
  /// are 1 because a ``JSONValue`` has no source positions (``Filter/parse(_:)`` fills them
  /// in from the text).
  ///
  /// - Complexity: O(n) in the size of `json`.
  /// - Throws: ``FilterSyntaxError``.
  public init(json: JSONValue) throws(FilterSyntaxError) {
    do {
      self = try FilterJSONDecoder.filter(json, at: [])
    } catch {
      throw error.syntaxError(line: 1, column: 1)
    }
  }

  /// The filter in Qdrant's JSON model; only clauses that are present are written.
  ///
  /// `Filter(json: filter.json) == filter` for every filter that the parsers produce.
  ///
  /// - Complexity: O(n) in the size of the filter.
  public var json: JSONValue {
    var object = JSONObject()
    if !must.isEmpty { object["must"] = .array(must.map(\.json)) }
    if !should.isEmpty { object["should"] = .array(should.map(\.json)) }
    if !mustNot.isEmpty { object["must_not"] = .array(mustNot.map(\.json)) }
    if let minShould {
      object["min_should"] = [
        "conditions": .array(minShould.conditions.map(\.json)),
        "min_count": .int(Int64(minShould.minCount)),
      ]
    }
    return .object(object)
  }
}

extension FilterCondition {
  /// The condition in Qdrant's JSON model.
  ///
  /// - Complexity: O(n) in the size of the condition.
  public var json: JSONValue {
    switch self {
    case .field(let key, let condition):
      var object = JSONObject()
      object["key"] = .string(key)
      switch condition {
      case .matchValue(let value): object["match"] = ["value": value]
      case .matchAny(let values): object["match"] = ["any": .array(values)]
      case .matchExcept(let values): object["match"] = ["except": .array(values)]
      case .matchText(let text): object["match"] = ["text": .string(text)]
      case .range(let bounds):
        var range = JSONObject()
        if let gt = bounds.gt { range["gt"] = .double(gt) }
        if let gte = bounds.gte { range["gte"] = .double(gte) }
        if let lt = bounds.lt { range["lt"] = .double(lt) }
        if let lte = bounds.lte { range["lte"] = .double(lte) }
        object["range"] = .object(range)
      }
      return .object(object)
    case .isEmpty(let key):
      return ["is_empty": ["key": .string(key)]]
    case .isNull(let key):
      return ["is_null": ["key": .string(key)]]
    case .hasID(let ids):
      return ["has_id": .array(ids.map(\.json))]
    case .filter(let filter):
      return filter.json
    }
  }
}
