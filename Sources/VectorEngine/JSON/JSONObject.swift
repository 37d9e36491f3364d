/// A JSON object whose keys keep their insertion order.
///
/// Fields live in two parallel arrays, ``keys`` and ``values``. Most payloads have a handful
/// of keys, which are found by a linear scan; past ``linearSearchLimit`` keys the object also
/// keeps a hash table from key to position, so looking up, adding or replacing a key takes
/// expected constant time at any size and parsing an object of k keys takes O(k), not O(k²).
///
/// Keys compare as Swift strings do (canonical equivalence), at every size: assigning
/// `"caf\u{E9}"` then `"cafe\u{301}"` replaces the first field's value. Replacing a value keeps
/// the field's position; a removed key that is assigned again goes to the end.
/// Equality and hashing ignore key order: `{"a":1,"b":2}` equals `{"b":2,"a":1}`.
public struct JSONObject: Hashable, Sequence {
  /// Up to this many fields, keys are found by a linear scan and no hash table is kept.
  static let linearSearchLimit = 16

  /// The keys, in insertion order.
  public private(set) var keys: [String] = []
  /// The values, parallel to ``keys``.
  public private(set) var values: [JSONValue] = []
  /// The position of each key in ``keys``; kept only while there are more than
  /// ``linearSearchLimit`` fields.
  private var positions: [String: Int]?

  /// Creates an empty object.
  public init() {}

  /// Creates an object from key/value pairs; a later duplicate key replaces the earlier value.
  ///
  /// - Complexity: O(n) expected in the number of pairs.
  public init(_ pairs: [(String, JSONValue)]) {
    keys.reserveCapacity(pairs.count)
    values.reserveCapacity(pairs.count)
    for (key, value) in pairs { self[key] = value }
  }

  /// The number of fields.
  public var count: Int { keys.count }

  /// Whether the object has no fields.
  public var isEmpty: Bool { keys.isEmpty }

  /// The position of `key` in ``keys`` and ``values``, or `nil`.
  ///
  /// - Complexity: O(1) expected.
  public func index(forKey key: String) -> Int? {
    if let positions { return positions[key] }
    return keys.firstIndex(of: key)
  }

  /// The value for `key`, or `nil`; assigning `nil` removes the field.
  ///
  /// - Complexity: O(1) expected to read, add or replace; O(n) to remove, which shifts the
  ///   later fields.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let index = index(forKey: key) else { return nil }
      return values[index]
    }
    set {
      if let index = index(forKey: key) {
        if let newValue {
          values[index] = newValue
        } else {
          remove(at: index)
        }
      } else if let newValue {
        append(key, newValue)
      }
    }
  }

  /// Removes every field whose key is in `keysToRemove`, keeping the others in order.
  ///
  /// - Complexity: O(n + k) expected, for n fields and k keys to remove.
  public mutating func removeFields(_ keysToRemove: some Sequence<String>) {
    var doomed = Set<Int>()
    for key in keysToRemove {
      if let index = index(forKey: key) { doomed.insert(index) }
    }
    guard !doomed.isEmpty else { return }
    var keptKeys: [String] = []
    var keptValues: [JSONValue] = []
    keptKeys.reserveCapacity(keys.count - doomed.count)
    keptValues.reserveCapacity(keys.count - doomed.count)
    for index in keys.indices where !doomed.contains(index) {
      keptKeys.append(keys[index])
      keptValues.append(values[index])
    }
    keys = keptKeys
    values = keptValues
    rebuildPositions()
  }

  /// Adds every field of `other`, replacing values of keys that already exist.
  ///
  /// - Complexity: O(m) expected, for m fields of `other`.
  public mutating func merge(_ other: JSONObject) {
    for (key, value) in zip(other.keys, other.values) { self[key] = value }
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
  ///
  /// - Complexity: O(n) expected.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.keys.count == rhs.keys.count else { return false }
    for (index, key) in lhs.keys.enumerated() where rhs[key] != lhs.values[index] {
      return false
    }
    return true
  }

  /// Hashes fields regardless of their order.
  ///
  /// - Complexity: O(n).
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

  // MARK: Storage

  private mutating func append(_ key: String, _ value: JSONValue) {
    keys.append(key)
    values.append(value)
    if positions != nil {
      positions?[key] = keys.count - 1
    } else if keys.count > Self.linearSearchLimit {
      rebuildPositions()
    }
  }

  private mutating func remove(at index: Int) {
    let key = keys.remove(at: index)
    values.remove(at: index)
    guard positions != nil else { return }
    if keys.count <= Self.linearSearchLimit {
      positions = nil
      return
    }
    positions?[key] = nil
    for later in index..<keys.count { positions?[keys[later]] = later }
  }

  /// Recomputes ``positions`` from ``keys``, or drops it for a small object.
  private mutating func rebuildPositions() {
    guard keys.count > Self.linearSearchLimit else {
      positions = nil
      return
    }
    var table = [String: Int](minimumCapacity: keys.count)
    for (index, key) in keys.enumerated() { table[key] = index }
    positions = table
  }
}

extension JSONObject: Sendable {}

extension JSONObject: ExpressibleByDictionaryLiteral {
  /// Creates an object from a literal; a later duplicate key replaces the earlier value.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements)
  }
}
