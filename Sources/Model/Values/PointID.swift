/// A point's identifier: an unsigned 64-bit integer or a UUID, as in Qdrant.
///
/// Ordering follows Qdrant: every number sorts before every UUID; numbers by value, UUIDs by
/// their 128-bit value. Scroll pages use this order.
public enum PointID: Hashable, Comparable {
  /// A numeric id.
  case number(UInt64)
  /// A UUID id, as its 128-bit value (most significant half first).
  case uuid(high: UInt64, low: UInt64)

  /// Parses `"42"` or a UUID such as `"550e8400-e29b-41d4-a716-446655440000"`.
  ///
  /// UUIDs are accepted hyphenated or as 32 hex digits, in either case.
  public init?(_ text: some StringProtocol) {
    if let number = UInt64(text) {
      self = .number(number)
      return
    }
    var high: UInt64 = 0
    var low: UInt64 = 0
    var digits = 0
    let utf8 = Array(text.utf8)
    let hyphenated = utf8.count == 36
    guard hyphenated || utf8.count == 32 else { return nil }
    for (index, byte) in utf8.enumerated() {
      if hyphenated && (index == 8 || index == 13 || index == 18 || index == 23) {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      let nibble: UInt64
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt64(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      if digits < 16 { high = high << 4 | nibble } else { low = low << 4 | nibble }
      digits += 1
    }
    self = .uuid(high: high, low: low)
  }

  /// Reads an id from JSON: a non-negative integer (up to `UInt64.max`, exactly) or a UUID
  /// string.
  public init?(json: JSONValue) {
    switch json {
    case .int(let value) where value >= 0: self = .number(UInt64(value))
    case .uint(let value): self = .number(value)
    case .double(let value) where value >= 0 && value == value.rounded() && value < 1.8446744073709552e19:
      self = .number(UInt64(value))
    case .string(let text):
      guard let id = PointID(text), case .uuid = id else { return nil }
      self = id
    default: return nil
    }
  }

  /// The id as JSON: an exact integer, or a UUID string.
  public var json: JSONValue {
    switch self {
    case .number(let value): .integer(value)
    case .uuid: .string(description)
    }
  }

  /// Orders numbers before UUIDs, each by value.
  public static func < (lhs: PointID, rhs: PointID) -> Bool {
    switch (lhs, rhs) {
    case (.number(let a), .number(let b)): a < b
    case (.number, .uuid): true
    case (.uuid, .number): false
    case (.uuid(let ah, let al), .uuid(let bh, let bl)): ah < bh || (ah == bh && al < bl)
    }
  }
}

extension PointID: CustomStringConvertible {
  /// `"42"`, or the lowercase hyphenated UUID.
  public var description: String {
    switch self {
    case .number(let value):
      return String(value)
    case .uuid(let high, let low):
      let hex = Self.hex(high, 16) + Self.hex(low, 16)
      let characters = Array(hex)
      return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-"
        + String(characters[12..<16]) + "-" + String(characters[16..<20]) + "-"
        + String(characters[20..<32])
    }
  }

  private static func hex(_ value: UInt64, _ width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: width - digits.count) + digits
  }
}

extension PointID: Sendable {}
