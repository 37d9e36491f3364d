import Model

/// Decodes one JSON Lines point: `{"id":…,"vector":[…],"payload":{…}}`.
///
/// The fast path pulls fields straight from the bytes, reading the vector with
/// `readFloatArray()` so that no per-component ``JSONValue`` is built. Any syntax error sends
/// the line down a slow path that parses it fully to say what is actually wrong: malformed
/// JSON (with its column), or well-formed JSON of the wrong shape. Both paths check in the same
/// order: unknown field, id, vector, payload. Dimension and finiteness are the reader's job.
/// An object with more keys than a payload object may have
/// (``PayloadLimits/maximumKeysPerObject``) stops the parse where the cap is passed.
enum JSONPointLine {
  /// Why a line is not a point: the problem, and the 1-based column for syntax errors.
  struct Failure: Error {
    var problem: ImportError.Problem
    var column: Int?
  }

  /// The longest field name an error message shows before cutting it.
  static let maximumShownNameLength = 40

  /// Decodes the point on `line` (without its line terminator).
  ///
  /// - Complexity: O(n) in the length of the line.
  /// - Throws: ``Failure`` naming the first problem.
  static func decode(_ line: UnsafeRawBufferPointer) throws(Failure) -> PointStruct {
    var idSeen = false
    var id: PointID?
    var vector: [Float]?
    var payload = JSONObject()
    var payloadType: String?
    var unknownField: String?
    var parser = JSONParser(bytes: line, maximumKeysPerObject: PayloadLimits.maximumKeysPerObject)
    do {
      try parser.readObject { (key, parser) throws(JSONSyntaxError) in
        switch key {
        case "vector":
          vector = try parser.readFloatArray()
        case "id":
          idSeen = true
          id = PointID(json: try parser.readValue())
        case "payload":
          switch try parser.readValue() {
          case .object(let object):
            payload = object
            payloadType = nil
          case .null:
            payload = JSONObject()
            payloadType = nil
          case let other:
            payloadType = other.typeName
          }
        default:
          if unknownField == nil { unknownField = key }
          _ = try parser.readValue()
        }
      }
      try parser.expectEnd()
    } catch {
      if error.kind == .tooManyKeys {
        throw Failure(
          problem: .tooManyKeys(limit: PayloadLimits.maximumKeysPerObject),
          column: column(in: line, offset: error.offset))
      }
      throw diagnose(line, syntaxError: error)
    }
    if let unknownField { throw Failure(problem: .unknownField(shown(unknownField)), column: nil) }
    guard idSeen else { throw Failure(problem: .missingField("id"), column: nil) }
    guard let id else { throw Failure(problem: .invalidID, column: nil) }
    guard let vector else { throw Failure(problem: .missingField("vector"), column: nil) }
    if vector.isEmpty { throw Failure(problem: .emptyVector, column: nil) }
    if let payloadType {
      throw Failure(problem: .payloadNotObject(found: payloadType), column: nil)
    }
    return PointStruct(id: id, vector: vector, payload: payload)
  }

  /// Explains a line the fast path rejected, by parsing it fully.
  private static func diagnose(_ line: UnsafeRawBufferPointer, syntaxError: JSONSyntaxError)
    -> Failure
  {
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      return Failure(
        problem: .malformedJSON(reason: error.message),
        column: column(in: line, offset: error.offset))
    }
    guard case .object(let object) = value else {
      return Failure(problem: .notAnObject(found: value.typeName), column: nil)
    }
    if let problem = shapeProblem(object) { return Failure(problem: problem, column: nil) }
    // Not expected: the fast path only fails on input the full parse also rejects.
    return Failure(
      problem: .malformedJSON(reason: syntaxError.message),
      column: column(in: line, offset: syntaxError.offset))
  }

  /// The first shape problem of a parsed point, in the fast path's order.
  private static func shapeProblem(_ object: JSONObject) -> ImportError.Problem? {
    if let unknown = object.keys.first(where: { $0 != "id" && $0 != "vector" && $0 != "payload" }) {
      return .unknownField(shown(unknown))
    }
    guard let idValue = object["id"] else { return .missingField("id") }
    if PointID(json: idValue) == nil { return .invalidID }
    guard let vectorValue = object["vector"] else { return .missingField("vector") }
    guard case .array(let components) = vectorValue else {
      return .vectorNotNumbers(found: vectorValue.typeName, component: nil)
    }
    for (index, component) in components.enumerated() {
      switch component {
      case .int, .uint, .double: continue
      default: return .vectorNotNumbers(found: component.typeName, component: index)
      }
    }
    if components.isEmpty { return .emptyVector }
    switch object["payload"] {
    case nil, .null, .object: return nil
    case let other?: return .payloadNotObject(found: other.typeName)
    }
  }

  /// The 1-based column, in Characters, of byte `offset` of `line`.
  private static func column(in line: UnsafeRawBufferPointer, offset: Int) -> Int {
    String(decoding: line.prefix(offset), as: UTF8.self).count + 1
  }

  /// A field name fit for a message: quoted, control characters escaped, cut when long.
  private static func shown(_ name: String) -> String {
    QuotedForMessage.text(name, limit: maximumShownNameLength)
  }
}
