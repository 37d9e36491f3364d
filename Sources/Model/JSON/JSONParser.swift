/// A strict RFC 8259 JSON reader over UTF-8 bytes, with a pull API for hot paths.
///
/// `parse(_:)` builds a ``JSONValue``. Importers that know their shape use the pull methods
/// (``readObject(_:)``, ``readFloatArray()``) to avoid building intermediate values, which
/// matters for vectors of hundreds of numbers per line.
///
/// Hostile input is bounded: nesting deeper than ``maximumDepth`` is an error, not a stack
/// overflow; a reader of a format with small objects can cap the keys of every object
/// (`maximumKeysPerObject`), so a wide object stops the parse at the first key past the cap.
/// Errors name a position and a reason but never echo the input.
public struct JSONParser: ~Copyable {
  /// How deeply arrays and objects may nest.
  public static let maximumDepth = 128

  /// The UTF-8 input.
  let bytes: UnsafeRawBufferPointer
  private let maximumKeysPerObject: Int
  /// The byte offset of the next byte to read.
  var position = 0
  var depth = 0

  /// Creates a parser over `bytes`, which must outlive it.
  ///
  /// - Parameter maximumKeysPerObject: The most keys any object may have (duplicates count);
  ///   a key past it is a ``JSONSyntaxError`` of kind `tooManyKeys`.
  public init(bytes: UnsafeRawBufferPointer, maximumKeysPerObject: Int = .max) {
    self.bytes = bytes
    self.maximumKeysPerObject = maximumKeysPerObject
  }

  /// Parses one complete JSON document from `text`.
  ///
  /// - Complexity: O(n) in the length of `text`.
  /// - Throws: ``JSONSyntaxError``.
  public static func parse(_ text: String, maximumKeysPerObject: Int = .max)
    throws(JSONSyntaxError) -> JSONValue
  {
    var copy = text
    return try copy.withUTF8 { buffer in
      Result { () throws(JSONSyntaxError) in
        try parse(UnsafeRawBufferPointer(buffer), maximumKeysPerObject: maximumKeysPerObject)
      }
    }.get()
  }

  /// Parses one complete JSON document from UTF-8 `bytes`.
  ///
  /// - Complexity: O(n) in the number of bytes.
  /// - Throws: ``JSONSyntaxError``.
  public static func parse(_ bytes: UnsafeRawBufferPointer, maximumKeysPerObject: Int = .max)
    throws(JSONSyntaxError) -> JSONValue
  {
    var parser = JSONParser(bytes: bytes, maximumKeysPerObject: maximumKeysPerObject)
    let value = try parser.readValue()
    try parser.expectEnd()
    return value
  }

  /// Parses one complete JSON document from UTF-8 `bytes`.
  ///
  /// - Complexity: O(n) in the number of bytes.
  /// - Throws: ``JSONSyntaxError``.
  public static func parse(_ bytes: [UInt8], maximumKeysPerObject: Int = .max)
    throws(JSONSyntaxError) -> JSONValue
  {
    try bytes.withUnsafeBytes { raw in
      Result { () throws(JSONSyntaxError) in
        try parse(raw, maximumKeysPerObject: maximumKeysPerObject)
      }
    }.get()
  }

  // MARK: Pull API

  /// Reads the next value of any type.
  public mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
    skipWhitespace()
    guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
    switch bytes[position] {
    case UInt8(ascii: "{"):
      var object = JSONObject()
      try readObject { (key, parser) throws(JSONSyntaxError) in
        object[key] = try parser.readValue()
      }
      return .object(object)
    case UInt8(ascii: "["):
      var elements: [JSONValue] = []
      try readArray { (parser) throws(JSONSyntaxError) in elements.append(try parser.readValue()) }
      return .array(elements)
    case UInt8(ascii: "\""):
      return .string(try readString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try readNumber()
    default:
      throw error("unexpected character, expected a value")
    }
  }

  /// Reads an object, calling `field` with each key; `field` must consume the key's value.
  ///
  /// A key that appears twice is passed twice, so the caller decides (objects keep the last).
  /// A key past the parser's `maximumKeysPerObject` fails before `field` sees it.
  public mutating func readObject(
    _ field: (String, inout JSONParser) throws(JSONSyntaxError) -> Void
  ) throws(JSONSyntaxError) {
    skipWhitespace()
    try expect(UInt8(ascii: "{"), "expected '{'")
    try enterNesting()
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return
    }
    var keyCount = 0
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
      keyCount += 1
      if keyCount > maximumKeysPerObject {
        throw error("an object has more than \(maximumKeysPerObject) keys", kind: .tooManyKeys)
      }
      let key = try readString()
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "expected ':' after an object key")
      try field(key, &self)
      skipWhitespace()
      guard position < bytes.count else { throw error("unexpected end of input inside an object") }
      let next = bytes[position]
      position += 1
      if next == UInt8(ascii: "}") { break }
      guard next == UInt8(ascii: ",") else {
        position -= 1
        throw error("expected ',' or '}'")
      }
    }
    depth -= 1
  }

  /// Reads an array, calling `element` once per element; `element` must consume it.
  public mutating func readArray(
    _ element: (inout JSONParser) throws(JSONSyntaxError) -> Void
  ) throws(JSONSyntaxError) {
    skipWhitespace()
    try expect(UInt8(ascii: "["), "expected '['")
    try enterNesting()
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return
    }
    while true {
      try element(&self)
      skipWhitespace()
      guard position < bytes.count else { throw error("unexpected end of input inside an array") }
      let next = bytes[position]
      position += 1
      if next == UInt8(ascii: "]") { break }
      guard next == UInt8(ascii: ",") else {
        position -= 1
        throw error("expected ',' or ']'")
      }
    }
    depth -= 1
  }

  /// Reads an array of numbers as 32-bit floats, without building intermediate values.
  ///
  /// Each number is rounded once, correctly, to the nearest `Float`. Numbers too large for a
  /// `Float` become infinities, which callers reject as non-finite.
  public mutating func readFloatArray() throws(JSONSyntaxError) -> [Float] {
    skipWhitespace()
    try expect(UInt8(ascii: "["), "expected '['")
    try enterNesting()
    var result: [Float] = []
    result.reserveCapacity(64)
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return result
    }
    while true {
      skipWhitespace()
      result.append(try readFloat())
      skipWhitespace()
      guard position < bytes.count else { throw error("unexpected end of input inside an array") }
      let next = bytes[position]
      position += 1
      if next == UInt8(ascii: "]") { break }
      guard next == UInt8(ascii: ",") else {
        position -= 1
        throw error("expected ',' or ']'")
      }
    }
    depth -= 1
    return result
  }

  /// Fails unless only whitespace remains.
  public mutating func expectEnd() throws(JSONSyntaxError) {
    skipWhitespace()
    if position < bytes.count { throw error("unexpected text after the JSON value") }
  }

  /// The byte offset the parser has reached.
  public var offset: Int { position }

  // MARK: Scalars

  private mutating func readString() throws(JSONSyntaxError) -> String {
    position += 1  // opening quote
    let start = position
    // Fast path: no escapes.
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        position += 1
        guard let text = String(validating: slice, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string", at: start)
        }
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error("control character in a string") }
      position += 1
    }
    var scalars: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: scalars, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string", at: start)
        }
        return text
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { break }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
          var code = try readHex4()
          if (0xD800...0xDBFF).contains(code) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
              throw error("unpaired surrogate in \\u escape")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(code) {
            throw error("unpaired surrogate in \\u escape")
          }
          guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
          scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
          position -= 1
          throw error("invalid escape sequence")
        }
      default:
        if byte < 0x20 {
          position -= 1
          throw error("control character in a string")
        }
        scalars.append(byte)
      }
    }
    throw error("unterminated string", at: start - 1)
  }

  private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
    guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }

  // MARK: Helpers

  func peek() -> UInt8? {
    position < bytes.count ? bytes[position] : nil
  }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  private mutating func expect(_ byte: UInt8, _ message: String) throws(JSONSyntaxError) {
    guard position < bytes.count, bytes[position] == byte else { throw error(message) }
    position += 1
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw error("invalid literal") }
    let matches = literal.withUTF8Buffer { expected in
      (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
    }
    guard matches else { throw error("invalid literal") }
    position += count
  }

  private mutating func enterNesting() throws(JSONSyntaxError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("nesting deeper than \(Self.maximumDepth) levels", kind: .tooDeep)
    }
  }

  /// A syntax error at `offset` (default: the current position), with its line and column.
  func error(
    _ message: String, at offset: Int? = nil, kind: JSONSyntaxError.Kind = .malformed
  ) -> JSONSyntaxError {
    let offset = min(offset ?? position, bytes.count)
    var line = 1
    var lineStart = 0
    for index in 0..<offset where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return JSONSyntaxError(
      message: message, offset: offset, line: line, column: offset - lineStart + 1, kind: kind)
  }
}
