/// A parsed payload key such as `country.cities[].population`, in Qdrant's JSON-path syntax.
///
/// Syntax (the same as Qdrant's `key`):
///
/// ```
/// path    := segment item*
/// item    := '.' segment | '[]' | '[' digits ']'
/// segment := raw | '"' (any character but '"' and '\')* '"'
/// raw     := (letter | digit | '_' | '-')+
/// ```
///
/// A quoted segment names a field whose name contains other characters, e.g. `"a.b".c` is
/// field `c` inside the field named `a.b`.
///
/// Resolution follows Qdrant exactly:
/// - A key segment applies only to an object; applied to anything else, including an array,
///   it yields nothing. Arrays are never flattened implicitly: on `{"a": [{"b": 1}]}` the path
///   `a.b` finds nothing, `a[].b` finds `1`.
/// - `[]` applies only to an array and continues with each of its elements in order; `[N]`
///   continues with element `N` when it exists.
/// - Every value reached at the end is returned as is, so a leaf array stays one value:
///   `a[].tags` on `{"a": [{"tags": [1, 2]}, {"tags": 3}]}` gives `[[1, 2], 3]`. Conditions
///   then look inside each returned array (one level), see ``FilterCondition``.
/// - Field names compare by their exact UTF-8 bytes, as in Qdrant.
public struct PayloadPath: Hashable {
  /// One step of a path.
  public enum Segment: Hashable {
    /// The field of an object with this name.
    case key(String)
    /// Every element of an array (`[]`).
    case allElements
    /// The element of an array at this 0-based position (`[N]`).
    case element(Int)
  }

  /// How many segments a path may have.
  public static let maximumSegments = 128

  /// The steps, starting with a key.
  public let segments: [Segment]

  /// Parses `text`.
  ///
  /// - Complexity: O(n) in the length of `text`.
  /// - Throws: ``FilterSyntaxError`` with the 1-based column, within `text`, of the problem:
  ///   an empty key, an empty segment, an unterminated quote, an unexpected character, or
  ///   more than ``maximumSegments`` segments.
  public init(_ text: String) throws(FilterSyntaxError) {
    let characters = Array(text)
    var index = 0
    var segments: [Segment] = []
    func fail(_ message: String, at position: Int) -> FilterSyntaxError {
      FilterSyntaxError(message: message, column: position + 1)
    }
    func readSegment() throws(FilterSyntaxError) -> String {
      if index < characters.count, characters[index] == "\"" {
        let open = index
        index += 1
        var name = ""
        while index < characters.count, characters[index] != "\"" {
          if characters[index] == "\\" {
            throw fail("a quoted key segment can't contain '\\'", at: index)
          }
          name.append(characters[index])
          index += 1
        }
        guard index < characters.count else {
          throw fail("unterminated quoted key segment", at: open)
        }
        index += 1
        return name
      }
      let start = index
      while index < characters.count, Self.isRawKeyCharacter(characters[index]) { index += 1 }
      guard index > start else {
        if index == characters.count {
          throw fail(start == 0 ? "empty key" : "expected a key segment", at: index)
        }
        if characters[index] == "." || characters[index] == "[" {
          throw fail("empty key segment", at: index)
        }
        throw fail("unexpected character in key; quote the segment", at: index)
      }
      return String(characters[start..<index])
    }
    segments.append(.key(try readSegment()))
    while index < characters.count {
      guard segments.count < Self.maximumSegments else {
        throw fail("the key has too many segments", at: index)
      }
      switch characters[index] {
      case ".":
        index += 1
        segments.append(.key(try readSegment()))
      case "[":
        let open = index
        index += 1
        if index < characters.count, characters[index] == "]" {
          index += 1
          segments.append(.allElements)
          continue
        }
        var number = 0
        let digitsStart = index
        while index < characters.count, let digit = characters[index].wholeNumberValue,
          characters[index].isASCII
        {
          let (product, overflow) = number.multipliedReportingOverflow(by: 10)
          guard !overflow, product <= Int.max - digit else {
            throw fail("array index too large", at: digitsStart)
          }
          number = product + digit
          index += 1
        }
        guard index > digitsStart, index < characters.count, characters[index] == "]" else {
          throw fail("expected '[]' or '[N]'", at: open)
        }
        index += 1
        segments.append(.element(number))
      default:
        throw fail("unexpected character in key; quote the segment", at: index)
      }
    }
    self.segments = segments
  }

  /// Every value at this path in `payload`, in document order (see the type's resolution rules).
  ///
  /// - Complexity: O(m) in the number of values visited.
  public func values(in payload: JSONObject) -> [JSONValue] {
    var result: [JSONValue] = []
    guard case .key(let first) = segments[0], let root = Self.field(named: first, in: payload)
    else { return result }
    collect(root, from: 1, into: &result)
    return result
  }

  private func collect(_ value: JSONValue, from position: Int, into result: inout [JSONValue]) {
    guard position < segments.count else {
      result.append(value)
      return
    }
    switch (segments[position], value) {
    case (.key(let name), .object(let object)):
      if let child = Self.field(named: name, in: object) {
        collect(child, from: position + 1, into: &result)
      }
    case (.allElements, .array(let elements)):
      for element in elements { collect(element, from: position + 1, into: &result) }
    case (.element(let offset), .array(let elements)):
      if offset < elements.count { collect(elements[offset], from: position + 1, into: &result) }
    default:
      break
    }
  }

  /// Whether `character` may appear in an unquoted key segment (Qdrant: alphanumeric, `_`, `-`).
  static func isRawKeyCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "-"
  }
}

extension PayloadPath: CustomStringConvertible {
  /// The canonical key text, with segments quoted only where needed: `a."b.c"[].d`.
  ///
  /// - Complexity: O(n) in the length of the path.
  public var description: String {
    var text = ""
    for (position, segment) in segments.enumerated() {
      switch segment {
      case .key(let name):
        if position > 0 { text += "." }
        if !name.isEmpty, name.allSatisfy(Self.isRawKeyCharacter) {
          text += name
        } else {
          text += "\"" + name + "\""
        }
      case .allElements: text += "[]"
      case .element(let offset): text += "[\(offset)]"
      }
    }
    return text
  }
}

// MARK: - Allocation-free resolution for filter evaluation

extension PayloadPath {
  /// Calls `visit` with each value at `key` in `payload` until it returns `true`.
  ///
  /// This walks the UTF-8 bytes of the key text directly, so evaluating a filter per point
  /// neither parses the key into segments nor builds an array of values. It follows the same
  /// rules as ``values(in:)``; a key that is not a valid path finds nothing.
  ///
  /// - Returns: Whether some `visit` returned `true`.
  /// - Complexity: O(k + m): the key's length plus the values visited.
  static func firstValue(
    atKey key: String, in payload: JSONObject, where visit: (JSONValue) -> Bool
  ) -> Bool {
    var key = key
    return key.withUTF8 { bytes in
      guard let (name, next) = segmentName(in: bytes, at: 0),
        let root = field(named: UnsafeBufferPointer(rebasing: bytes[name]), in: payload)
      else { return false }
      return walk(root, key: bytes, at: next, visit)
    }
  }

  private static func walk(
    _ value: JSONValue, key: UnsafeBufferPointer<UInt8>, at position: Int,
    _ visit: (JSONValue) -> Bool
  ) -> Bool {
    guard position < key.count else { return visit(value) }
    switch key[position] {
    case UInt8(ascii: "."):
      guard case .object(let object) = value,
        let (name, next) = segmentName(in: key, at: position + 1),
        let child = field(named: UnsafeBufferPointer(rebasing: key[name]), in: object)
      else { return false }
      return walk(child, key: key, at: next, visit)
    case UInt8(ascii: "["):
      guard case .array(let elements) = value, position + 1 < key.count else { return false }
      if key[position + 1] == UInt8(ascii: "]") {
        for element in elements where walk(element, key: key, at: position + 2, visit) {
          return true
        }
        return false
      }
      var cursor = position + 1
      var offset = 0
      while cursor < key.count, key[cursor] >= UInt8(ascii: "0"), key[cursor] <= UInt8(ascii: "9") {
        offset = offset &* 10 &+ Int(key[cursor] &- UInt8(ascii: "0"))
        guard offset >= 0 else { return false }
        cursor += 1
      }
      guard cursor > position + 1, cursor < key.count, key[cursor] == UInt8(ascii: "]"),
        offset < elements.count
      else { return false }
      return walk(elements[offset], key: key, at: cursor + 1, visit)
    default:
      return false
    }
  }

  /// The byte range of the segment name starting at `position` and the position after the
  /// segment, or `nil` when malformed.
  private static func segmentName(
    in key: UnsafeBufferPointer<UInt8>, at position: Int
  ) -> (Range<Int>, Int)? {
    guard position < key.count else { return nil }
    if key[position] == UInt8(ascii: "\"") {
      var close = position + 1
      while close < key.count, key[close] != UInt8(ascii: "\"") { close += 1 }
      guard close < key.count else { return nil }
      return (position + 1..<close, close + 1)
    }
    var end = position
    while end < key.count, key[end] != UInt8(ascii: "."), key[end] != UInt8(ascii: "[") {
      end += 1
    }
    guard end > position else { return nil }
    return (position..<end, end)
  }

  /// The value of the field named `name`, compared by exact UTF-8 bytes.
  ///
  /// The object finds the one key canonically equivalent to `name` (keys of an object never
  /// are equivalent to each other); it matches only when its bytes are the same.
  ///
  /// - Complexity: O(1) expected, plus the length of the name.
  private static func field(named name: String, in object: JSONObject) -> JSONValue? {
    guard let index = object.index(forKey: name) else { return nil }
    let field = object.fields[index]
    // Not a ternary: `nil` there would become the JSON literal null.
    guard field.key.utf8.elementsEqual(name.utf8) else { return nil }
    return field.value
  }

  /// The value of the field whose name has exactly these UTF-8 bytes.
  ///
  /// - Complexity: O(1) expected, plus the length of the name.
  private static func field(
    named name: UnsafeBufferPointer<UInt8>, in object: JSONObject
  ) -> JSONValue? {
    if object.count <= JSONObject.linearSearchLimit {
      // A few keys: compare bytes directly rather than build a String.
      for (candidate, value) in object.fields where candidate.utf8.count == name.count {
        let equal =
          candidate.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(name) }
          ?? candidate.utf8.elementsEqual(name)
        if equal { return value }
      }
      return nil
    }
    guard let index = object.index(forKey: String(decoding: name, as: UTF8.self)) else {
      return nil
    }
    let field = object.fields[index]
    guard field.key.utf8.elementsEqual(name) else { return nil }
    return field.value
  }
}

extension PayloadPath: Sendable {}
extension PayloadPath.Segment: Sendable {}
