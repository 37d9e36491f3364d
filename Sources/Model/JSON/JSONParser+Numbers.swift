// Numbers for `JSONParser`: a number is scanned once against the JSON grammar (keeping its
// first 19 significant digits and a power of ten), then read as an exact integer, a finite
// Double (beyond its range is an error), or, for vectors, a correctly rounded Float: computed
// directly when that is provably exact, else by the standard library's parser.

extension JSONParser {
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
  mutating func readNumber() throws(JSONSyntaxError) -> JSONValue {
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

  /// Reads a number as the `Float` nearest to its decimal value (one correct rounding).
  mutating func readFloat() throws(JSONSyntaxError) -> Float {
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
      let magnitude =
        number.exponent < 0
        ? Double(number.significand) / Self.powerOfTen(-number.exponent)
        : Double(number.significand) * Self.powerOfTen(number.exponent)
      return number.isNegative ? -magnitude : magnitude
    }
    let slice = UnsafeRawBufferPointer(rebasing: bytes[number.start..<number.end])
    let text = String(decoding: slice, as: UTF8.self)
    return Double(text) ?? (number.isNegative ? -.infinity : .infinity)
  }
}
