/// A JSON value as stored in point payloads and exchanged by the command language.
///
/// Integers that fit in 64 bits stay integers (`int`), so payload fields like `year: 2020`
/// keep their type through storage, filters and export; every other number is a `double`.
/// Objects keep their keys in insertion order (see ``JSONObject``).
public enum JSONValue: Hashable {
  /// The JSON literal `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent that fits in `Int64`.
  case int(Int64)
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

  /// The number as a `Double` for `int` and `double`, else `nil`.
  public var numberValue: Double? {
    switch self {
    case .int(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }

  /// The value as an exact integer: `int`, or a `double` with no fractional part that fits.
  public var integerValue: Int64? {
    switch self {
    case .int(let value): return value
    case .double(let value):
      guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
      return exact
    default: return nil
    }
  }

  /// A short name of the value's JSON type, for error messages (`"string"`, `"integer"`, …).
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "bool"
    case .int: "integer"
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
