// Vectors inside a JSON document (an API request with a query vector or points to upsert):
// arrays of numbers under known keys are read as Floats, each rounded once, correctly, from
// its decimal text, without building a Double first. That is both the exact value a Float
// vector gets and several times faster than the general number path for the 17-digit
// numbers JSON writers emit for floats.

extension JSONParser {
  /// Parses one complete JSON document from UTF-8 `bytes`, reading every array of numbers
  /// (or array of such arrays) that is the value of a key in `vectorKeys` as Floats, stored
  /// as the `double` of each Float. Inside the value of a key in `opaqueKeys` (payloads,
  /// filters) nothing is treated specially, so user data keeps its exact numbers.
  ///
  /// - Complexity: O(n) in the number of bytes.
  /// - Throws: ``JSONSyntaxError``, as the plain `parse` does.
  public static func parse(
    _ bytes: [UInt8], maximumKeysPerObject: Int = .max, vectorKeys: Set<String>, opaqueKeys: Set<String>
  ) throws(JSONSyntaxError) -> JSONValue {
    try bytes.withUnsafeBytes { raw in
      Result { () throws(JSONSyntaxError) in
        var parser = JSONParser(bytes: raw, maximumKeysPerObject: maximumKeysPerObject)
        let value = try parser.readValue(vectorKeys: vectorKeys, opaqueKeys: opaqueKeys)
        try parser.expectEnd()
        return value
      }
    }.get()
  }

  private mutating func readValue(vectorKeys: Set<String>, opaqueKeys: Set<String>) throws(JSONSyntaxError)
    -> JSONValue
  {
    skipWhitespace()
    switch peek() {
    case UInt8(ascii: "{"):
      var object = JSONObject()
      try readObject { (key, parser) throws(JSONSyntaxError) in
        if opaqueKeys.contains(key) {
          object[key] = try parser.readValue()
        } else if vectorKeys.contains(key), let vectors = parser.readVectorsIfPresent() {
          object[key] = vectors
        } else {
          object[key] = try parser.readValue(vectorKeys: vectorKeys, opaqueKeys: opaqueKeys)
        }
      }
      return .object(object)
    case UInt8(ascii: "["):
      var elements: [JSONValue] = []
      try readArray { (parser) throws(JSONSyntaxError) in
        elements.append(try parser.readValue(vectorKeys: vectorKeys, opaqueKeys: opaqueKeys))
      }
      return .array(elements)
    default:
      return try readValue()
    }
  }

  /// The next value as Floats when it is an array of numbers or an array of such arrays;
  /// otherwise `nil`, with nothing consumed (the caller reads it the general way, so every
  /// error is reported as it would be).
  private mutating func readVectorsIfPresent() -> JSONValue? {
    let (savedPosition, savedDepth) = (position, depth)
    skipWhitespace()
    guard peek() == UInt8(ascii: "[") else { return nil }
    if let floats = try? readFloatArray() { return Self.json(floats) }
    (position, depth) = (savedPosition, savedDepth)
    var rows: [JSONValue] = []
    do {
      try readArray { (parser) throws(JSONSyntaxError) in rows.append(Self.json(try parser.readFloatArray())) }
      return .array(rows)
    } catch {
      (position, depth) = (savedPosition, savedDepth)
      return nil
    }
  }

  private static func json(_ floats: [Float]) -> JSONValue {
    .array(floats.map { .double(Double($0)) })
  }
}
