/// A JSON value as stored in point payloads and exchanged by the command language.
///
/// Integers from `Int64.min` to `UInt64.max` stay integers, exactly, so payload fields like
/// `year: 2020` and point ids up to 2^64 − 1 keep their type and value through storage,
/// filters and export: those that fit `Int64` are `int`, larger ones `uint`. Every other
/// number is a `double`. Each integer has one canonical form (`int` whenever it fits), and
/// equality and hashing treat a `uint` that would fit as that `int`.
/// Objects keep their keys in insertion order (see ``JSONObject``).
public enum JSONValue: Hashable {
  /// The JSON literal `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent that fits in `Int64`.
  case int(Int64)
  /// A number written without fraction or exponent above `Int64.max`, up to `UInt64.max`.
  ///
  /// Build it with ``integer(_:)``, which picks `int` for values that fit.
  case uint(UInt64)
  /// Any other finite number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array of values.
  case array([JSONValue])
  /// An object with keys in insertion order.
  case object(JSONObject)
}

extension JSONValue {
  /// The canonical JSON integer `value`: `int` when it fits `Int64`, else `uint`.
  public static func integer(_ value: UInt64) -> JSONValue {
    value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
  }

  /// Compares values, an integer by its value whichever case holds it.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.int(let a), .int(let b)): a == b
    case (.double(let a), .double(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a == b
    case (.uint(let a), .uint(let b)): a == b
    case (.int(let a), .uint(let b)), (.uint(let b), .int(let a)): a >= 0 && UInt64(a) == b
    default: false
    }
  }

  /// Hashes an integer by its value whichever case holds it, consistently with ``==(_:_:)``.
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let value):
      hasher.combine(1)
      hasher.combine(value)
    case .int(let value):
      hasher.combine(2)
      hasher.combine(value)
    case .uint(let value):
      if value <= UInt64(Int64.max) {
        hasher.combine(2)
        hasher.combine(Int64(value))
      } else {
        hasher.combine(3)
        hasher.combine(value)
      }
    case .double(let value):
      hasher.combine(4)
      hasher.combine(value)
    case .string(let value):
      hasher.combine(5)
      hasher.combine(value)
    case .array(let value):
      hasher.combine(6)
      hasher.combine(value)
    case .object(let value):
      hasher.combine(7)
      hasher.combine(value)
    }
  }

  /// The object's fields, or `nil` when this value is not an object.
  public var objectValue: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  /// The array's elements, or `nil` when this value is not an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The string, or `nil` when this value is not a string.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The number as a `Double` for `int`, `uint` and `double`, else `nil`.
  public var numberValue: Double? {
    switch self {
    case .int(let value): Double(value)
    case .uint(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }

  /// The value as an exact `Int64`: an integer that fits, or a `double` with no fractional
  /// part that fits.
  public var integerValue: Int64? {
    switch self {
    case .int(let value): return value
    case .uint(let value): return Int64(exactly: value)
    case .double(let value):
      guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
      return exact
    default: return nil
    }
  }

  /// The value as an exact `UInt64`: a non-negative integer, or a `double` with no fractional
  /// part that fits.
  public var unsignedIntegerValue: UInt64? {
    switch self {
    case .int(let value): return UInt64(exactly: value)
    case .uint(let value): return value
    case .double(let value):
      guard value.rounded() == value, let exact = UInt64(exactly: value) else { return nil }
      return exact
    default: return nil
    }
  }

  /// A short name of the value's JSON type, for error messages (`"string"`, `"integer"`, …).
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "bool"
    case .int, .uint: "integer"
    case .double: "float"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  /// The compact JSON text of this value.
  ///
  /// - Complexity: O(n) in the size of the value.
  public var jsonText: String { JSONWriter.compact(self) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  /// Creates a string value.
  public init(stringLiteral value: String) { self = .string(value) }
  /// Creates an integer value.
  public init(integerLiteral value: Int64) { self = .int(value) }
  /// Creates a floating-point value.
  public init(floatLiteral value: Double) { self = .double(value) }
  /// Creates a Boolean value.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// Creates `null`.
  public init(nilLiteral: ()) { self = .null }
  /// Creates an array value.
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// Creates an object value; later duplicate keys replace earlier ones.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}

extension JSONValue: Sendable {}
