import Model

/// A JSON request body (or a part of one) read field by field, every failure naming the field
/// by its path in the body, such as `params.hnsw_ef` or `points[3].vector`.
///
/// `null` counts as absent, as in Qdrant. Unknown fields are ignored, as Qdrant's own
/// deserializer does, so newer clients that send more than ragops reads still work.
struct JSONBody: Sendable {
  /// The object's fields.
  let object: JSONObject
  /// Where the object sits in the body, for messages (`""` for the body itself).
  let path: String

  /// The body of a request: `{}` when empty, else one JSON object.
  ///
  /// - Throws: ``APIError`` 400 when the bytes are not JSON or not an object.
  init(bytes: [UInt8]) throws(APIError) {
    guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
      self.init(object: JSONObject(), path: "")
      return
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(
        bytes, maximumKeysPerObject: RequestCaps.keysPerObject, vectorKeys: Self.vectorKeys, opaqueKeys: Self.opaqueKeys
      )
    } catch {
      throw .wrongInput("the request body is not valid JSON: \(error.description)")
    }
    guard let object = value.objectValue else {
      throw .wrongInput("the request body must be a JSON object, not \(value.typeName)")
    }
    self.init(object: object, path: "")
  }

  /// Where requests carry vectors (read straight to Floats, the values they become), and the
  /// members whose contents are user data (kept exactly as sent).
  static let vectorKeys: Set<String> = ["vector", "vectors", "query", "nearest", ""]
  static let opaqueKeys: Set<String> = ["payload", "payloads", "filter"]

  /// Wraps `object`, found at `path` in the body.
  init(object: JSONObject, path: String) {
    self.object = object
    self.path = path
  }

  /// The path of `key` inside this object, for messages.
  func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

  /// The value of `key`, or `nil` when absent or `null`.
  func value(_ key: String) -> JSONValue? {
    guard let value = object[key], value != .null else { return nil }
    return value
  }

  /// Whether `key` is present and not `null`.
  func has(_ key: String) -> Bool { value(key) != nil }

  /// An integer field within `range`, or `fallback` when absent.
  func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
    guard let value = value(key) else { return fallback }
    return try Self.integer(value, named: name(key), in: range)
  }

  /// An optional integer field within `range`.
  func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
    guard let value = value(key) else { return nil }
    return try Self.integer(value, named: name(key), in: range)
  }

  /// A Boolean field, or `fallback` when absent.
  func bool(_ key: String, default fallback: Bool) throws(APIError) -> Bool {
    guard let value = value(key) else { return fallback }
    guard case .bool(let flag) = value else {
      throw .wrongInput("\(name(key)) must be a boolean, not \(value.typeName)")
    }
    return flag
  }

  /// A number field (integer or not), or `nil` when absent.
  func optionalNumber(_ key: String) throws(APIError) -> Double? {
    guard let value = value(key) else { return nil }
    guard let number = value.numberValue, number.isFinite else {
      throw .wrongInput("\(name(key)) must be a number, not \(value.typeName)")
    }
    return number
  }

  /// A string field; absent is an error.
  func string(_ key: String) throws(APIError) -> String {
    guard let value = value(key) else { throw .wrongInput("missing field `\(name(key))`") }
    guard let text = value.stringValue else {
      throw .wrongInput("\(name(key)) must be a string, not \(value.typeName)")
    }
    return text
  }

  /// An object field, or `nil` when absent.
  func optionalObject(_ key: String) throws(APIError) -> JSONBody? {
    guard let value = value(key) else { return nil }
    guard let object = value.objectValue else {
      throw .wrongInput("\(name(key)) must be an object, not \(value.typeName)")
    }
    return JSONBody(object: object, path: name(key))
  }

  /// An array field, or `nil` when absent; at most `limit` elements.
  func optionalArray(_ key: String, limit: Int) throws(APIError) -> [JSONValue]? {
    guard let value = value(key) else { return nil }
    guard let elements = value.arrayValue else {
      throw .wrongInput("\(name(key)) must be an array, not \(value.typeName)")
    }
    guard elements.count <= limit else {
      throw .wrongInput("\(name(key)) has \(elements.count) elements; at most \(limit) are accepted")
    }
    return elements
  }

  /// A filter in Qdrant's JSON model, or `nil` when absent.
  func filter(_ key: String) throws(APIError) -> Filter? {
    guard let value = value(key) else { return nil }
    do {
      return try Filter(json: value)
    } catch {
      let at = error.path.map { $0.isEmpty ? name(key) : name(key) + "." + $0 } ?? name(key)
      throw .wrongInput("\(at): \(error.message)")
    }
  }

  /// A list of point ids, or `nil` when absent.
  func pointIDs(_ key: String) throws(APIError) -> [PointID]? {
    guard let elements = try optionalArray(key, limit: RequestCaps.pointsPerRequest) else { return nil }
    var ids: [PointID] = []
    ids.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      ids.append(try Self.pointID(element, named: "\(name(key))[\(index)]"))
    }
    return ids
  }

  /// A point id: an unsigned 64-bit integer or a UUID string.
  static func pointID(_ value: JSONValue, named name: String) throws(APIError) -> PointID {
    switch value {
    case .int, .uint, .string:
      if let id = PointID(json: value) { return id }
    default: break
    }
    throw .wrongInput("\(name) must be an unsigned integer or a UUID")
  }

  /// A dense vector: an array of finite numbers, or `{"": […]}` (the default vector by its
  /// empty name, as LangChain sends it).
  static func vector(_ value: JSONValue, named name: String) throws(APIError) -> [Float] {
    guard let elements = defaultVector(value).arrayValue else {
      if value.objectValue != nil {
        throw .wrongInput("\(name): named and sparse vectors are not supported; send one dense vector")
      }
      throw .wrongInput("\(name) must be an array of numbers, not \(value.typeName)")
    }
    guard elements.count <= RequestCaps.vectorDimension else {
      throw .wrongInput("\(name) has \(elements.count) components; at most \(RequestCaps.vectorDimension)")
    }
    var vector: [Float] = []
    vector.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard let number = element.numberValue, number.isFinite, abs(number) <= Double(Float.greatestFiniteMagnitude)
      else { throw .wrongInput("\(name)[\(index)] must be a finite number") }
      vector.append(Float(number))
    }
    return vector
  }

  /// `value`, or what it holds under the empty name when it is `{"": …}`.
  static func defaultVector(_ value: JSONValue) -> JSONValue {
    if let object = value.objectValue, object.count == 1, let unnamed = object[""] { return unnamed }
    return value
  }

  private static func integer(_ value: JSONValue, named name: String, in range: ClosedRange<Int>) throws(APIError)
    -> Int
  {
    guard let number = value.integerValue else {
      throw .wrongInput("\(name) must be an integer, not \(value.typeName)")
    }
    guard let integer = Int(exactly: number), range.contains(integer) else {
      throw .wrongInput("\(name) must be between \(range.lowerBound) and \(range.upperBound)")
    }
    return integer
  }
}
