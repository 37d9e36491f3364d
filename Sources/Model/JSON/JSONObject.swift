/// A JSON object whose keys keep their insertion order.
///
/// Fields live in one array of key/value pairs, in insertion order. Most payloads have a
/// handful of keys, which are found by a linear scan; past ``linearSearchLimit`` keys the
/// object also keeps a hash table from key to position, so looking up, adding or replacing a
/// key takes expected constant time at any size and parsing an object of k keys takes O(k),
/// not O(k²). The object stays two words wide, so ``JSONValue`` does not grow.
///
/// Keys compare as Swift strings do (canonical equivalence), at every size: assigning
/// `"caf\u{E9}"` then `"cafe\u{301}"` replaces the first field's value. Replacing a value keeps
/// the field's position; a removed key that is assigned again goes to the end.
/// Equality and hashing ignore key order: `{"a":1,"b":2}` equals `{"b":2,"a":1}`.
public struct JSONObject: Hashable, Sequence {
  /// One field.
  public typealias Field = (key: String, value: JSONValue)

  /// Up to this many fields, keys are found by a linear scan and no hash table is kept.
  static let linearSearchLimit = 16

  /// The fields, in insertion order.
  public private(set) var fields: [Field] = []
  /// The position of each key in ``fields``; kept only while there are more than
  /// ``linearSearchLimit`` fields.
  private var positions: [String: Int]?

  /// Creates an empty object.
  public init() {}

  /// Creates an object from key/value pairs; a later duplicate key replaces the earlier value.
  ///
  /// - Complexity: O(n) expected in the number of pairs.
  public init(_ pairs: [(String, JSONValue)]) {
    fields.reserveCapacity(pairs.count)
    for (key, value) in pairs { self[key] = value }
  }

  /// The keys, in insertion order.
  ///
  /// - Complexity: O(n); iterate the object or use ``fields`` on hot paths.
  public var keys: [String] { fields.map(\.key) }

  /// The values, in the order of ``keys``.
  ///
  /// - Complexity: O(n); iterate the object or use ``fields`` on hot paths.
  public var values: [JSONValue] { fields.map(\.value) }

  /// The number of fields.
  public var count: Int { fields.count }

  /// Whether the object has no fields.
  public var isEmpty: Bool { fields.isEmpty }

  /// The position of `key` in ``fields``, or `nil`.
  ///
  /// - Complexity: O(1) expected.
  @inline(__always)
  public func index(forKey key: String) -> Int? {
    if let positions { return positions[key] }
    return fields.firstIndex { $0.key == key }
  }

  /// The value for `key`, or `nil`; assigning `nil` removes the field.
  ///
  /// - Complexity: O(1) expected to read, add or replace; O(n) to remove, which shifts the
  ///   later fields.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let index = index(forKey: key) else { return nil }
      return fields[index].value
    }
    set {
      if let index = index(forKey: key) {
        if let newValue {
          fields[index].value = newValue
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
    var kept: [Field] = []
    kept.reserveCapacity(fields.count - doomed.count)
    for index in fields.indices where !doomed.contains(index) { kept.append(fields[index]) }
    fields = kept
    rebuildPositions()
  }

  /// Adds every field of `other`, replacing values of keys that already exist.
  ///
  /// - Complexity: O(m) expected, for m fields of `other`.
  public mutating func merge(_ other: JSONObject) {
    for (key, value) in other.fields { self[key] = value }
  }

  /// Iterates over `(key, value)` pairs in insertion order.
  public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
    fields.makeIterator()
  }

  /// Compares fields regardless of their order.
  ///
  /// - Complexity: O(n) expected.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.fields.count == rhs.fields.count else { return false }
    for (key, value) in lhs.fields where rhs[key] != value { return false }
    return true
  }

  /// Hashes fields regardless of their order.
  ///
  /// - Complexity: O(n).
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for (key, value) in fields {
      var field = Hasher()
      field.combine(key)
      field.combine(value)
      combined ^= field.finalize()
    }
    hasher.combine(fields.count)
    hasher.combine(combined)
  }

  // MARK: Storage

  @inline(__always)
  private mutating func append(_ key: String, _ value: JSONValue) {
    fields.append((key, value))
    if positions != nil {
      positions?[key] = fields.count - 1
    } else if fields.count > Self.linearSearchLimit {
      rebuildPositions()
    }
  }

  private mutating func remove(at index: Int) {
    let key = fields.remove(at: index).key
    guard positions != nil else { return }
    if fields.count <= Self.linearSearchLimit {
      positions = nil
      return
    }
    positions?[key] = nil
    for later in index..<fields.count { positions?[fields[later].key] = later }
  }

  /// Recomputes ``positions`` from ``fields``, or drops it for a small object.
  private mutating func rebuildPositions() {
    guard fields.count > Self.linearSearchLimit else {
      positions = nil
      return
    }
    var table = [String: Int](minimumCapacity: fields.count)
    for (index, field) in fields.enumerated() { table[field.key] = index }
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
