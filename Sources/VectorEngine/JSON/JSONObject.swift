/// A JSON object whose keys keep their insertion order.
///
/// Payload objects are small, so fields live in two parallel arrays and lookups are linear.
/// Equality and hashing ignore key order: `{"a":1,"b":2}` equals `{"b":2,"a":1}`.
public struct JSONObject: Hashable, Sequence {
  /// The keys, in insertion order.
  public private(set) var keys: [String] = []
  /// The values, parallel to ``keys``.
  public private(set) var values: [JSONValue] = []

  /// Creates an empty object.
  public init() {}

  /// Creates an object from key/value pairs; a later duplicate key replaces the earlier value.
  ///
  /// - Complexity: O(n²) in the number of pairs (objects are small).
  public init(_ pairs: [(String, JSONValue)]) {
    for (key, value) in pairs { self[key] = value }
  }

  /// The number of fields.
  public var count: Int { keys.count }

  /// Whether the object has no fields.
  public var isEmpty: Bool { keys.isEmpty }

  /// The value for `key`, or `nil`; assigning `nil` removes the field.
  ///
  /// - Complexity: O(n) in the number of fields.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let index = keys.firstIndex(of: key) else { return nil }
      return values[index]
    }
    set {
      if let index = keys.firstIndex(of: key) {
        if let newValue {
          values[index] = newValue
        } else {
          keys.remove(at: index)
          values.remove(at: index)
        }
      } else if let newValue {
        keys.append(key)
        values.append(newValue)
      }
    }
  }

  /// Adds every field of `other`, replacing values of keys that already exist.
  ///
  /// - Complexity: O(n·m).
  public mutating func merge(_ other: JSONObject) {
    for (key, value) in other { self[key] = value }
  }

  /// Iterates over `(key, value)` pairs in insertion order.
  public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
    var index = 0
    let keys = keys
    let values = values
    return AnyIterator {
      guard index < keys.count else { return nil }
      defer { index += 1 }
      return (keys[index], values[index])
    }
  }

  /// Compares fields regardless of their order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.keys.count == rhs.keys.count else { return false }
    for (index, key) in lhs.keys.enumerated() where rhs[key] != lhs.values[index] {
      return false
    }
    return true
  }

  /// Hashes fields regardless of their order.
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for (index, key) in keys.enumerated() {
      var field = Hasher()
      field.combine(key)
      field.combine(values[index])
      combined ^= field.finalize()
    }
    hasher.combine(keys.count)
    hasher.combine(combined)
  }
}

extension JSONObject: Sendable {}

extension JSONObject: ExpressibleByDictionaryLiteral {
  /// Creates an object from a literal; a later duplicate key replaces the earlier value.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements)
  }
}
