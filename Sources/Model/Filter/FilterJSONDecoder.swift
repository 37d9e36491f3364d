// The reader of Qdrant's JSON filter model (the format, and what is accepted, are described at
// the top of FilterJSONCoding.swift): every member checked, unsupported Qdrant conditions and
// unknown members refused, each error naming its JSON path.

/// Reads Qdrant's filter model from a ``JSONValue`` (see ``Filter/init(json:)``).
enum FilterJSONDecoder {
  typealias Path = [FilterJSONPathComponent]

  private static let filterMembers = ["must", "should", "must_not", "min_should"]
  private static let unsupportedConditions: [(String, String)] = [
    ("nested", "nested conditions are not supported"),
    ("has_vector", "has_vector conditions are not supported"),
    ("slice", "slice conditions are not supported"),
  ]
  private static let unsupportedFieldMembers = [
    "geo_bounding_box", "geo_radius", "geo_polygon", "values_count", "is_empty", "is_null",
  ]

  /// Reads a filter object.
  static func filter(_ json: JSONValue, at path: Path) throws(FilterJSONDecodingError) -> Filter {
    guard case .object(let object) = json else {
      throw FilterJSONDecodingError(message: "expected a filter object", path: path)
    }
    try rejectUnknownMembers(of: object, allowed: filterMembers, at: path)
    var filter = Filter()
    filter.must = try clause(object["must"], at: path + [.key("must")])
    filter.should = try clause(object["should"], at: path + [.key("should")])
    filter.mustNot = try clause(object["must_not"], at: path + [.key("must_not")])
    if let minShould = object["min_should"], minShould != .null {
      filter.minShould = try self.minShould(minShould, at: path + [.key("min_should")])
    }
    return filter
  }

  private static func clause(
    _ json: JSONValue?, at path: Path
  ) throws(FilterJSONDecodingError) -> [FilterCondition] {
    switch json {
    case nil, .null?:
      return []
    case .array(let elements)?:
      var conditions: [FilterCondition] = []
      conditions.reserveCapacity(elements.count)
      for (index, element) in elements.enumerated() {
        conditions.append(try condition(element, at: path + [.index(index)]))
      }
      return conditions
    case .object?:
      return [try condition(json ?? .null, at: path)]
    default:
      throw FilterJSONDecodingError(
        message: "expected an array of conditions or one condition object", path: path)
    }
  }

  private static func minShould(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> MinShould {
    guard case .object(let object) = json else {
      throw FilterJSONDecodingError(
        message: "expected an object with 'conditions' and 'min_count'", path: path)
    }
    try rejectUnknownMembers(of: object, allowed: ["conditions", "min_count"], at: path)
    guard case .array(let elements)? = object["conditions"] else {
      throw FilterJSONDecodingError(
        message: "expected an array of conditions", path: path + [.key("conditions")])
    }
    var conditions: [FilterCondition] = []
    for (index, element) in elements.enumerated() {
      conditions.append(try condition(element, at: path + [.key("conditions"), .index(index)]))
    }
    guard let count = object["min_count"]?.integerValue, count >= 1, count <= Int64(Int32.max)
    else {
      throw FilterJSONDecodingError(
        message: "expected a positive integer", path: path + [.key("min_count")])
    }
    return MinShould(conditions: conditions, minCount: Int(count))
  }

  /// Reads one condition: a field condition, `is_empty`, `is_null`, `has_id`, or a filter.
  static func condition(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> FilterCondition {
    guard case .object(let object) = json else {
      throw FilterJSONDecodingError(message: "expected a condition object", path: path)
    }
    if object["key"] != nil {
      return try fieldCondition(object, at: path)
    }
    for kind in ["is_empty", "is_null"] {
      guard let argument = object[kind] else { continue }
      try rejectUnknownMembers(of: object, allowed: [kind], at: path)
      let key = try payloadField(argument, at: path + [.key(kind)])
      return kind == "is_empty" ? .isEmpty(key: key) : .isNull(key: key)
    }
    if let argument = object["has_id"] {
      try rejectUnknownMembers(of: object, allowed: ["has_id"], at: path)
      return .hasID(try pointIDs(argument, at: path + [.key("has_id")]))
    }
    for (kind, message) in unsupportedConditions where object[kind] != nil {
      throw FilterJSONDecodingError(message: message, path: path + [.key(kind)], atMemberName: true)
    }
    for name in object.keys where !filterMembers.contains(name) {
      throw FilterJSONDecodingError(
        message: "unknown condition member; expected key, is_empty, is_null, has_id, "
          + "must, should, must_not or min_should",
        path: path + [.key(name)], atMemberName: true)
    }
    return .filter(try filter(json, at: path))
  }

  private static func fieldCondition(
    _ object: JSONObject, at path: Path
  ) throws(FilterJSONDecodingError) -> FilterCondition {
    for name in object.keys where name != "key" && name != "match" && name != "range" {
      if unsupportedFieldMembers.contains(name) {
        let hint =
          name == "is_empty" || name == "is_null"
          ? "; use {\"\(name)\": {\"key\": ...}}" : ""
        throw FilterJSONDecodingError(
          message: "'\(name)' in a field condition is not supported" + hint,
          path: path + [.key(name)], atMemberName: true)
      }
      throw FilterJSONDecodingError(
        message: "unknown field condition member; expected key, match or range",
        path: path + [.key(name)], atMemberName: true)
    }
    let key = try payloadKey(object["key"] ?? .null, at: path + [.key("key")])
    var conditions: [FilterCondition] = []
    if let match = object["match"] {
      conditions.append(.field(key: key, try self.match(match, at: path + [.key("match")])))
    }
    if let range = object["range"] {
      conditions.append(.field(key: key, try self.range(range, at: path + [.key("range")])))
    }
    switch conditions.count {
    case 0:
      throw FilterJSONDecodingError(
        message: "a field condition needs 'match' or 'range'", path: path)
    case 1:
      return conditions[0]
    default:
      // Qdrant ORs the parts of one field condition per value; "any value satisfies A or B"
      // is "(any value satisfies A) or (any value satisfies B)".
      return .filter(Filter(should: conditions))
    }
  }

  private static func match(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> FieldCondition {
    guard case .object(let object) = json, object.count == 1, let name = object.keys.first,
      let argument = object[name]
    else {
      throw FilterJSONDecodingError(
        message: "expected an object with one of value, any, except or text", path: path)
    }
    let argumentPath = path + [.key(name)]
    switch name {
    case "value":
      return .matchValue(try scalar(argument, at: argumentPath))
    case "any", "except":
      guard case .array(let elements) = argument else {
        throw FilterJSONDecodingError(message: "expected an array of values", path: argumentPath)
      }
      var values: [JSONValue] = []
      for (index, element) in elements.enumerated() {
        values.append(try scalar(element, at: argumentPath + [.index(index)]))
      }
      return name == "any" ? .matchAny(values) : .matchExcept(values)
    case "text":
      guard case .string(let text) = argument else {
        throw FilterJSONDecodingError(message: "expected a string", path: argumentPath)
      }
      return .matchText(text)
    case "text_any", "phrase", "prefix":
      throw FilterJSONDecodingError(
        message: "'\(name)' matching is not supported", path: argumentPath, atMemberName: true)
    default:
      throw FilterJSONDecodingError(
        message: "unknown match kind; expected value, any, except or text",
        path: argumentPath, atMemberName: true)
    }
  }

  private static func scalar(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> JSONValue {
    switch json {
    case .string, .int, .uint, .double, .bool:
      return json
    case .null:
      throw FilterJSONDecodingError(
        message: "null can't be matched; use an is_null condition", path: path)
    case .array, .object:
      throw FilterJSONDecodingError(message: "expected a string, number or bool", path: path)
    }
  }

  private static func range(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> FieldCondition {
    guard case .object(let object) = json else {
      throw FilterJSONDecodingError(
        message: "expected an object with gt, gte, lt or lte", path: path)
    }
    try rejectUnknownMembers(of: object, allowed: ["gt", "gte", "lt", "lte"], at: path)
    func bound(_ name: String) throws(FilterJSONDecodingError) -> Double? {
      switch object[name] {
      case nil, .null?: return nil
      case .int(let number)?: return Double(number)
      case .uint(let number)?: return Double(number)
      case .double(let number)?: return number
      case .string?:
        throw FilterJSONDecodingError(
          message: "expected a number (datetime ranges are not supported)",
          path: path + [.key(name)])
      default:
        throw FilterJSONDecodingError(message: "expected a number", path: path + [.key(name)])
      }
    }
    return .range(
      RangeBounds(
        gt: try bound("gt"), gte: try bound("gte"), lt: try bound("lt"),
        lte: try bound("lte")))
  }

  private static func payloadField(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> String {
    guard case .object(let object) = json else {
      throw FilterJSONDecodingError(message: "expected an object with 'key'", path: path)
    }
    try rejectUnknownMembers(of: object, allowed: ["key"], at: path)
    return try payloadKey(object["key"] ?? .null, at: path + [.key("key")])
  }

  private static func payloadKey(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> String {
    guard case .string(let key) = json else {
      throw FilterJSONDecodingError(message: "expected a payload key string", path: path)
    }
    do {
      _ = try PayloadPath(key)
    } catch {
      throw FilterJSONDecodingError(
        message: "invalid key: \(error.message) at character \(error.column)", path: path)
    }
    return key
  }

  private static func pointIDs(
    _ json: JSONValue, at path: Path
  ) throws(FilterJSONDecodingError) -> [PointID] {
    guard case .array(let elements) = json else {
      throw FilterJSONDecodingError(message: "expected an array of point ids", path: path)
    }
    var ids: [PointID] = []
    ids.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard let id = PointID(json: element) else {
        throw FilterJSONDecodingError(
          message: "expected a point id (a non-negative integer or a UUID string)",
          path: path + [.index(index)])
      }
      ids.append(id)
    }
    return ids
  }

  private static func rejectUnknownMembers(
    of object: JSONObject, allowed: [String], at path: Path
  ) throws(FilterJSONDecodingError) {
    for name in object.keys where !allowed.contains(name) {
      throw FilterJSONDecodingError(
        message: "unknown member; expected " + allowed.joined(separator: ", "),
        path: path + [.key(name)], atMemberName: true)
    }
  }
}
