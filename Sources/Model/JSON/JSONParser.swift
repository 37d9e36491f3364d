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

  private let bytes: UnsafeRawBufferPointer
  private let maximumKeysPerObject: Int
  private var position = 0
  private var depth = 0

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

  /// The pieces of a decimal number, checked against the JSON grammar.
  private struct DecimalNumber {
    var start: Int
    var end: Int
    var isNegative: Bool
    var isInteger: Bool
    /// The first 19 significant digits (exact when `digitCount <= 19`).
    var significand: UInt64
    var digitCount: Int
    /// The power of ten to apply to `significand`.
    var exponent: Int
  }

  private mutating func scanNumber() throws(JSONSyntaxError) -> DecimalNumber {
    let start = position
    var number = DecimalNumber(
      start: start, end: start, isNegative: false, isInteger: true, significand: 0, digitCount: 0,
      exponent: 0)
    guard let base = bytes.baseAddress else { throw error("invalid number") }
    let count = bytes.count
    var index = position
    func byte(_ offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }
    func digit(_ offset: Int) -> UInt8? {
      guard offset < count else { return nil }
      let value = byte(offset) &- UInt8(ascii: "0")
      return value < 10 ? value : nil
    }
    if index < count && byte(index) == UInt8(ascii: "-") {
      number.isNegative = true
      index += 1
    }
    guard let first = digit(index) else {
      position = index
      throw error("invalid number")
    }
    if first == 0 {
      index += 1
      if digit(index) != nil {
        position = index
        throw error("leading zero in a number")
      }
    } else {
      while let value = digit(index) {
        if number.digitCount < 19 {
          number.significand = number.significand &* 10 &+ UInt64(value)
        } else {
          number.exponent += 1
        }
        number.digitCount += 1
        index += 1
      }
    }
    if index < count && byte(index) == UInt8(ascii: ".") {
      number.isInteger = false
      index += 1
      guard digit(index) != nil else {
        position = index
        throw error("expected a digit after '.'")
      }
      while let value = digit(index) {
        if number.digitCount == 0 && value == 0 {
          number.exponent -= 1
        } else {
          if number.digitCount < 19 {
            number.significand = number.significand &* 10 &+ UInt64(value)
            number.exponent -= 1
          }
          number.digitCount += 1
        }
        index += 1
      }
    }
    if index < count && (byte(index) == UInt8(ascii: "e") || byte(index) == UInt8(ascii: "E")) {
      number.isInteger = false
      index += 1
      var negative = false
      if index < count && (byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-")) {
        negative = byte(index) == UInt8(ascii: "-")
        index += 1
      }
      guard digit(index) != nil else {
        position = index
        throw error("expected a digit in exponent")
      }
      var value = 0
      while let next = digit(index) {
        if value < 100_000 { value = value * 10 + Int(next) }
        index += 1
      }
      number.exponent += negative ? -value : value
    }
    position = index
    number.end = index
    return number
  }

  /// Reads a number: an integer from `Int64.min` to `UInt64.max` exactly (`int`, or `uint`
  /// above `Int64.max`), anything else as a finite `double` (beyond its range is an error).
  private mutating func readNumber() throws(JSONSyntaxError) -> JSONValue {
    let number = try scanNumber()
    if number.isInteger && number.digitCount <= 19 && number.exponent == 0 {
      if number.isNegative {
        if number.significand <= UInt64(Int64.max) { return .int(-Int64(number.significand)) }
        if number.significand == UInt64(Int64.max) + 1 { return .int(Int64.min) }
      } else {
        return .integer(number.significand)
      }
    }
    if number.isInteger && !number.isNegative && number.digitCount == 20 && number.exponent == 1 {
      // 20 digits: the scan kept the first 19; the last one decides whether it fits.
      let last = bytes[number.end - 1] &- UInt8(ascii: "0")
      let (tens, overflow) = number.significand.multipliedReportingOverflow(by: 10)
      let (value, carry) = tens.addingReportingOverflow(UInt64(last))
      if !overflow && !carry { return .uint(value) }
    }
    let value = doubleValue(of: number)
    // As serde_json (and so Qdrant) does: a number no Double can hold is refused, not made
    // infinite, which no JSON writer could write back.
    guard value.isFinite else { throw error("number out of range", at: number.start) }
    return .double(value)
  }

  private mutating func readFloat() throws(JSONSyntaxError) -> Float {
    let number = try scanNumber()
    if abs(number.exponent) <= 22 {
      let power = Self.powerOfTen(abs(number.exponent))
      var value = Double(number.significand)
      value = number.exponent < 0 ? value / power : value * power
      if number.isNegative { value = -value }
      if number.digitCount <= 15 {
        // Exact inputs, one rounding: only an exact Float midpoint is ambiguous.
        if !Self.isFloatMidpoint(value) { return Float(value) }
      } else if !Self.isNearFloatMidpoint(value) {
        // Up to three roundings leave the Double within a few ulps of the decimal value;
        // unless that window holds a Float midpoint, rounding it to Float is exact.
        return Float(value)
      }
    }
    return slowFloat(number)
  }

  private static func powerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }

  private static func isNearFloatMidpoint(_ value: Double) -> Bool {
    if value == 0 { return false }
    let exponentBits = (value.bitPattern >> 52) & 0x7FF
    if exponentBits < 897 || exponentBits > 1150 { return true }
    let low = Int64(value.bitPattern & 0x1FFF_FFFF)
    return abs(low - 0x1000_0000) <= 8
  }

  private static func isFloatMidpoint(_ value: Double) -> Bool {
    // A Float has 24 significant bits, a Double 53: a midpoint has bit 28 set and bits 0..27
    // clear in the Double's significand (normal range only; others take the slow path).
    if value == 0 { return false }
    let bits = value.bitPattern & 0x000F_FFFF_FFFF_FFFF
    let exponentBits = (value.bitPattern >> 52) & 0x7FF
    if exponentBits < 897 || exponentBits > 1150 { return true }
    return bits & 0x1FFF_FFFF == 0x1000_0000
  }

  private func slowFloat(_ number: DecimalNumber) -> Float {
    let slice = UnsafeRawBufferPointer(rebasing: bytes[number.start..<number.end])
    let text = String(decoding: slice, as: UTF8.self)
    return Float(text) ?? (number.isNegative ? -.infinity : .infinity)
  }

  private func doubleValue(of number: DecimalNumber) -> Double {
    if number.digitCount <= 15 && abs(number.exponent) <= 22 {
      let magnitude = number.exponent < 0
        ? Double(number.significand) / Self.powerOfTen(-number.exponent)
        : Double(number.significand) * Self.powerOfTen(number.exponent)
      return number.isNegative ? -magnitude : magnitude
    }
    let slice = UnsafeRawBufferPointer(rebasing: bytes[number.start..<number.end])
    let text = String(decoding: slice, as: UTF8.self)
    return Double(text) ?? (number.isNegative ? -.infinity : .infinity)
  }

  // MARK: Helpers

  private func peek() -> UInt8? {
    position < bytes.count ? bytes[position] : nil
  }

  private mutating func skipWhitespace() {
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

  private func error(
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
