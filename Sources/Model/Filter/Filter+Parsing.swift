extension Filter {
  /// Parses a filter typed by a person: Qdrant JSON when it starts with `{`, else the text form.
  ///
  /// The text form is described in `FilterTextParser.swift`, e.g.
  /// `tenant:acme year>=2020 !lang:de tag:[a,b] id:42`. JSON follows Qdrant's filter model
  /// (see ``Filter/init(json:)``) and may span several lines.
  ///
  /// - Complexity: O(n) in the length of `expression`.
  /// - Throws: ``FilterSyntaxError`` with the line and column of the problem; for JSON, also
  ///   the path of the offending member once the JSON itself is well formed.
  public static func parse(_ expression: String) throws(FilterSyntaxError) -> Filter {
    let trimmed = expression.drop { $0.isWhitespace }
    guard trimmed.first == "{" else { return try FilterTextParser.parse(expression) }
    let bytes = Array(expression.utf8)
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      let (line, column) = FilterJSONLocator.position(ofByte: error.offset, in: bytes)
      throw FilterSyntaxError(message: "invalid JSON: " + error.message, line: line, column: column)
    }
    do {
      return try FilterJSONDecoder.filter(json, at: [])
    } catch {
      var locator = FilterJSONLocator(bytes: bytes)
      let offset = locator.offset(of: error.path, atMemberName: error.atMemberName) ?? 0
      let (line, column) = FilterJSONLocator.position(ofByte: offset, in: bytes)
      throw error.syntaxError(line: line, column: column)
    }
  }

  /// The filter in the text form when it can be written so, else its compact JSON.
  ///
  /// `Filter.parse(filter.textDescription)` matches exactly the same points as `filter`,
  /// though its clauses may be arranged differently (e.g. `should` with one condition comes
  /// back as `must`). Filters with `min_should`, empty nested filters, empty lists, or values
  /// the text form cannot spell fall back to JSON.
  ///
  /// - Complexity: O(n) in the size of the filter.
  public var textDescription: String {
    FilterTextRenderer.expression(self) ?? JSONWriter.compact(json)
  }
}

/// Writes filters in the text form of ``FilterTextParser``; `nil` when it can't.
enum FilterTextRenderer {
  /// A whole expression (an OR of ANDs).
  static func expression(_ filter: Filter) -> String? {
    guard filter.minShould == nil, !filter.isEmpty else { return nil }
    if filter.must.isEmpty, filter.mustNot.isEmpty, filter.should.count > 1 {
      var sides: [String] = []
      for condition in filter.should {
        guard let side = orSide(condition) else { return nil }
        sides.append(side)
      }
      return sides.joined(separator: " | ")
    }
    return conjunction(filter)
  }

  /// The clauses of `filter` as juxtaposed terms (no `min_should`).
  private static func conjunction(_ filter: Filter) -> String? {
    guard filter.minShould == nil, !filter.isEmpty else { return nil }
    var parts: [String] = []
    var rangeKeys: Set<String> = []
    for condition in filter.must {
      guard let part = positive(condition, rangeKeys: &rangeKeys) else { return nil }
      parts.append(part)
    }
    for condition in filter.mustNot {
      guard let part = negative(condition) else { return nil }
      parts.append(part)
    }
    if filter.should.count == 1 {
      guard let part = positive(filter.should[0], rangeKeys: &rangeKeys) else { return nil }
      parts.append(part)
    } else if filter.should.count > 1 {
      guard let inner = expression(Filter(should: filter.should)) else { return nil }
      parts.append("(" + inner + ")")
    }
    return parts.joined(separator: " ")
  }

  /// One side of an OR: ANDs need no parentheses since AND binds tighter.
  private static func orSide(_ condition: FilterCondition) -> String? {
    if case .filter(let inner) = condition, inner.should.isEmpty {
      return conjunction(inner)
    }
    var rangeKeys: Set<String> = []
    return positive(condition, rangeKeys: &rangeKeys)
  }

  /// A condition that must hold.
  ///
  /// A second range on a key already used by a bare range term is parenthesized, so the
  /// parser does not merge the two.
  private static func positive(
    _ condition: FilterCondition, rangeKeys: inout Set<String>
  ) -> String? {
    switch condition {
    case .field(let key, .range(let bounds)):
      guard let keyText = keyText(for: key), let terms = rangeTerms(keyText, bounds) else {
        return nil
      }
      if rangeKeys.contains(keyText) { return "(" + terms + ")" }
      rangeKeys.insert(keyText)
      return terms
    case .field(let key, .matchExcept(let values)):
      guard let keyText = keyText(for: key), let list = listText(values) else { return nil }
      return keyText + "!:" + list
    case .field(let key, let field):
      guard let keyText = keyText(for: key), let value = matchOperand(field) else { return nil }
      return keyText + ":" + value
    case .isEmpty(let key):
      return keyText(for: key).map { $0 + ":empty" }
    case .isNull(let key):
      return keyText(for: key).map { $0 + ":null" }
    case .hasID(let ids):
      return idOperand(ids).map { "id:" + $0 }
    case .filter(let inner):
      return expression(inner).map { "(" + $0 + ")" }
    }
  }

  /// A condition that must not hold.
  private static func negative(_ condition: FilterCondition) -> String? {
    switch condition {
    case .field(let key, .range(let bounds)):
      guard let keyText = keyText(for: key), let terms = rangeTerms(keyText, bounds) else {
        return nil
      }
      return terms.contains(" ") ? "!(" + terms + ")" : "!" + terms
    case .field(let key, .matchExcept(let values)):
      guard let keyText = keyText(for: key), let list = listText(values) else { return nil }
      return "!" + keyText + "!:" + list
    case .field(let key, let field):
      guard let keyText = keyText(for: key), let value = matchOperand(field) else { return nil }
      return keyText + "!=" + value
    case .isEmpty(let key):
      return keyText(for: key).map { $0 + "!=empty" }
    case .isNull(let key):
      return keyText(for: key).map { $0 + "!=null" }
    case .hasID(let ids):
      return idOperand(ids).map { "id!=" + $0 }
    case .filter(let inner):
      return expression(inner).map { "!(" + $0 + ")" }
    }
  }

  /// What follows `:` or `!=` for a match condition.
  private static func matchOperand(_ condition: FieldCondition) -> String? {
    switch condition {
    case .matchValue(let value): valueText(value)
    case .matchAny(let values): listText(values)
    case .matchText(let text): "~" + string(text)
    case .matchExcept, .range: nil
    }
  }

  private static func rangeTerms(_ keyText: String, _ bounds: RangeBounds) -> String? {
    var terms: [String] = []
    for (bound, symbol) in [
      (bounds.gt, ">"), (bounds.gte, ">="), (bounds.lt, "<"), (bounds.lte, "<="),
    ] {
      guard let bound else { continue }
      guard let text = numberText(bound) else { return nil }
      terms.append(keyText + symbol + text)
    }
    return terms.isEmpty ? nil : terms.joined(separator: " ")
  }

  /// The key as the text form spells it; the bare word `id` would mean the point id.
  private static func keyText(for key: String) -> String? {
    guard let path = try? PayloadPath(key) else { return nil }
    let text = path.description
    return text == "id" ? "\"id\"" : text
  }

  private static func idOperand(_ ids: [PointID]) -> String? {
    switch ids.count {
    case 0: nil
    case 1: ids[0].description
    default: "[" + ids.map(\.description).joined(separator: ",") + "]"
    }
  }

  private static func listText(_ values: [JSONValue]) -> String? {
    guard !values.isEmpty else { return nil }
    var items: [String] = []
    for value in values {
      guard let item = valueText(value) else { return nil }
      items.append(item)
    }
    return "[" + items.joined(separator: ",") + "]"
  }

  /// A value that reads back as itself: typed bare words, or quoted strings.
  private static func valueText(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): string(text)
    case .int(let number): String(number)
    case .uint(let number): String(number)
    case .double(let number): number.isFinite ? "\(number)" : nil
    case .bool(let flag): flag ? "true" : "false"
    case .null, .array, .object: nil
    }
  }

  /// A number for a range bound (read back as a `Double`, so integers print without `.0`).
  private static func numberText(_ number: Double) -> String? {
    guard number.isFinite else { return nil }
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return "\(number)"
  }

  /// `text` bare when it reads back as the same string, else double-quoted.
  package static func string(_ text: String) -> String {
    let isBare =
      !text.isEmpty && text.first != "~"
      && !["true", "false", "null", "empty"].contains(text)
      && FilterTextParser.number(text) == nil
      && !text.contains {
        FilterTextParser.endsBareWord($0) || $0.unicodeScalars.contains(where: isControl)
      }
      && !(text.unicodeScalars.first.map(attaches) ?? false)
    return isBare ? text : quoted(text)
  }

  /// Whether `scalar` joins the character before it (a combining mark, a spacing mark, an
  /// emoji modifier): written raw after `:`, `"` or an escape's last digit, it would fuse
  /// with it into one character and the text would no longer read back.
  private static func attaches(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    return properties.isGraphemeExtend || properties.isEmojiModifier || properties.generalCategory == .spacingMark
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
  }

  private static func quoted(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\t": output += "\\t"
      case "\r": output += "\\r"
      case _ where (isControl(scalar) || attaches(scalar)) && scalar.value <= 0xFFFF:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}

/// Finds where a member of a well-formed JSON document starts, to point errors at it.
struct FilterJSONLocator {
  private let bytes: [UInt8]
  private var index = 0

  /// Creates a locator over a document that ``JSONParser`` accepted.
  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The byte offset of the value at `path`, or of its member name when `atMemberName`.
  mutating func offset(of path: [FilterJSONPathComponent], atMemberName: Bool) -> Int? {
    index = 0
    skipWhitespace()
    for (position, component) in path.enumerated() {
      switch component {
      case .key(let name):
        guard byte == UInt8(ascii: "{") else { return nil }
        index += 1
        var found: (name: Int, value: Int)?
        while true {
          skipWhitespace()
          guard byte == UInt8(ascii: "\"") else { break }
          let nameOffset = index
          let member = readString()
          skipWhitespace()
          index += 1  // ':'
          skipWhitespace()
          if member == name { found = (nameOffset, index) }  // the last duplicate wins
          skipValue()
          skipWhitespace()
          guard byte == UInt8(ascii: ",") else { break }
          index += 1
        }
        guard let found else { return nil }
        if atMemberName, position == path.count - 1 { return found.name }
        index = found.value
      case .index(let target):
        guard byte == UInt8(ascii: "[") else { return nil }
        index += 1
        skipWhitespace()
        for _ in 0..<target {
          skipValue()
          skipWhitespace()
          guard byte == UInt8(ascii: ",") else { return nil }
          index += 1
          skipWhitespace()
        }
      }
    }
    return index
  }

  /// The 1-based line and `Character` column of byte `offset` in `bytes`.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let end = min(max(offset, 0), bytes.count)
    var line = 1
    var lineStart = 0
    for position in 0..<end where bytes[position] == UInt8(ascii: "\n") {
      line += 1
      lineStart = position + 1
    }
    let prefix = String(decoding: bytes[lineStart..<end], as: UTF8.self)
    return (line, prefix.count + 1)
  }

  private var byte: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhitespace() {
    while let byte, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
  }

  private mutating func readString() -> String {
    let start = index
    skipString()
    let token = String(decoding: bytes[start..<index], as: UTF8.self)
    return (try? JSONParser.parse(token))?.stringValue ?? ""
  }

  private mutating func skipString() {
    index += 1
    while let byte, byte != UInt8(ascii: "\"") {
      index += byte == UInt8(ascii: "\\") ? 2 : 1
    }
    index += 1
  }

  private mutating func skipValue() {
    switch byte {
    case UInt8(ascii: "\"")?:
      skipString()
    case UInt8(ascii: "{")?, UInt8(ascii: "[")?:
      var depth = 0
      while let byte {
        switch byte {
        case UInt8(ascii: "\""):
          skipString()
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
        default:
          break
        }
        index += 1
        if depth == 0 { return }
      }
    default:
      while let byte,
        ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09]
          .contains(byte)
      {
        index += 1
      }
    }
  }
}
