/// Parses the TOML subset of theme files (see ``TOMLDocument``) into positioned values.
///
/// Errors are ``ThemeError`` of kind `syntax` (or `duplicateKey`, `tooManyEntries`) naming the
/// file, line and column of the first character that does not fit, and never quoting more than
/// that character.
///
/// Parsing is linear in the text: keys are checked for duplicates against a set per table,
/// and every table, inline table and array holds at most ``maximumEntries`` entries.
struct TOMLSubsetParser {
  private typealias Position = TOMLDocument.Position

  /// The most entries of one table (the top level included), inline table or array.
  static let maximumEntries = 1_024

  private let scalars: [Unicode.Scalar]
  private let file: String
  private var index = 0
  private var line = 1
  private var column = 1

  /// Parses `text`, naming `file` in errors.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func parse(_ text: String, file: String) throws(ThemeError) -> TOMLDocument {
    var parser = TOMLSubsetParser(scalars: Array(text.unicodeScalars), file: file)
    return try parser.parseDocument()
  }

  private init(scalars: [Unicode.Scalar], file: String) {
    self.scalars = scalars
    self.file = file
  }

  // MARK: Document

  private mutating func parseDocument() throws(ThemeError) -> TOMLDocument {
    var document = TOMLDocument()
    var seenTables: Set<String> = []
    // The keys of the table entries are going into (the top level until the first header).
    var keys: Set<String> = []
    while true {
      skipBlankLinesAndComments()
      guard let next = peek() else { break }
      if next == "[" {
        advance()
        skipSpaces()
        let position = currentPosition
        let name = try parseKey()
        skipSpaces()
        try expect("]", "expected ']' to close the table header")
        try expectLineEnd()
        guard seenTables.insert(name).inserted else {
          throw error(.duplicateKey, at: position, "table [\(name)] appears twice")
        }
        document.tables.append(TOMLDocument.Table(name: name, position: position, entries: []))
        keys = []
      } else {
        let keyPosition = currentPosition
        let owner = document.tables.last.map { "[\($0.name)]" } ?? "the top level"
        guard keys.count < Self.maximumEntries else {
          throw error(
            .tooManyEntries, at: keyPosition,
            "\(owner) has more than \(Self.maximumEntries) entries, the cap per table")
        }
        let entry = try parseKeyValue()
        try expectLineEnd()
        try checkUnique(entry, among: &keys)
        if document.tables.isEmpty {
          document.root.append(entry)
        } else {
          document.tables[document.tables.count - 1].entries.append(entry)
        }
      }
    }
    return document
  }

  /// Adds `entry`'s key to `keys`, failing when it is already there.
  ///
  /// - Complexity: O(1) expected.
  private func checkUnique(_ entry: TOMLDocument.Entry, among keys: inout Set<String>)
    throws(ThemeError)
  {
    guard keys.insert(entry.key).inserted else {
      throw error(.duplicateKey, at: entry.keyPosition, "key '\(entry.key)' appears twice")
    }
  }

  // MARK: Keys and values

  private mutating func parseKeyValue() throws(ThemeError) -> TOMLDocument.Entry {
    let keyPosition = currentPosition
    let key = try parseKey()
    skipSpaces()
    if peek() == "." {
      throw error(.syntax, at: currentPosition, "dotted keys are not supported in theme files")
    }
    try expect("=", "expected '=' after the key '\(key)'")
    skipSpaces()
    let value = try parseValue()
    return TOMLDocument.Entry(key: key, keyPosition: keyPosition, value: value)
  }

  private mutating func parseKey() throws(ThemeError) -> String {
    switch peek() {
    case "\"": return try parseBasicString()
    case "'": return try parseLiteralString()
    case let scalar? where Self.isBareKeyScalar(scalar):
      var key = ""
      while let next = peek(), Self.isBareKeyScalar(next) {
        key.unicodeScalars.append(next)
        advance()
      }
      return key
    default:
      throw error(.syntax, at: currentPosition, "expected a key (letters, digits, '-' or '_')")
    }
  }

  private mutating func parseValue() throws(ThemeError) -> TOMLDocument.Node {
    let position = currentPosition
    let value: TOMLDocument.Value
    switch peek() {
    case "\"": value = .string(try parseBasicString())
    case "'": value = .string(try parseLiteralString())
    case "[": value = .array(try parseArray())
    case "{": value = .inlineTable(try parseInlineTable())
    case "t", "f": value = .boolean(try parseBoolean())
    case let scalar? where scalar == "+" || scalar == "-" || ("0"..."9").contains(scalar):
      value = .integer(try parseInteger())
    default:
      throw error(
        .syntax, at: position,
        "expected a value: a quoted string, a whole number, true/false, [array] or { table }")
    }
    return TOMLDocument.Node(value: value, position: position)
  }

  private mutating func parseBasicString() throws(ThemeError) -> String {
    let start = currentPosition
    advance()  // opening quote
    if peek() == "\"", peek(1) == "\"" {
      throw error(.syntax, at: start, "multi-line strings are not supported in theme files")
    }
    var result = ""
    while true {
      guard let scalar = peek(), scalar != "\n" else {
        throw error(.syntax, at: start, "string is not closed on its line")
      }
      if scalar == "\"" {
        advance()
        return result
      }
      if scalar == "\\" {
        let escapePosition = currentPosition
        advance()
        guard let escaped = peek() else {
          throw error(.syntax, at: escapePosition, "string is not closed on its line")
        }
        advance()
        switch escaped {
        case "\"": result.unicodeScalars.append("\"")
        case "\\": result.unicodeScalars.append("\\")
        case "n": result.unicodeScalars.append("\n")
        case "t": result.unicodeScalars.append("\t")
        case "r": result.unicodeScalars.append("\r")
        case "b": result.unicodeScalars.append("\u{08}")
        case "f": result.unicodeScalars.append("\u{0C}")
        case "u", "U":
          let digits = escaped == "u" ? 4 : 8
          var value: UInt32 = 0
          for _ in 0..<digits {
            guard let digit = peek(), let nibble = UInt32(String(digit), radix: 16) else {
              throw error(
                .syntax, at: escapePosition, "\\\(escaped) needs \(digits) hexadecimal digits")
            }
            value = value << 4 | nibble
            advance()
          }
          guard let unicode = Unicode.Scalar(value) else {
            throw error(.syntax, at: escapePosition, "escape is not a Unicode scalar value")
          }
          result.unicodeScalars.append(unicode)
        default:
          throw error(.syntax, at: escapePosition, "unknown escape '\\\(escaped)'")
        }
        continue
      }
      if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
        throw error(.syntax, at: currentPosition, "control character in a string")
      }
      result.unicodeScalars.append(scalar)
      advance()
    }
  }

  private mutating func parseLiteralString() throws(ThemeError) -> String {
    let start = currentPosition
    advance()  // opening quote
    if peek() == "'", peek(1) == "'" {
      throw error(.syntax, at: start, "multi-line strings are not supported in theme files")
    }
    var result = ""
    while true {
      guard let scalar = peek(), scalar != "\n" else {
        throw error(.syntax, at: start, "string is not closed on its line")
      }
      advance()
      if scalar == "'" { return result }
      result.unicodeScalars.append(scalar)
    }
  }

  private mutating func parseInteger() throws(ThemeError) -> Int {
    let start = currentPosition
    var text = ""
    if let sign = peek(), sign == "+" || sign == "-" {
      text.unicodeScalars.append(sign)
      advance()
    }
    while let next = peek(), ("0"..."9").contains(next) || next == "_" {
      if next != "_" { text.unicodeScalars.append(next) }
      advance()
    }
    if let next = peek(), next == "." || next == "e" || next == "E" {
      throw error(.syntax, at: currentPosition, "only whole numbers are allowed in theme files")
    }
    guard let value = Int(text) else {
      throw error(.syntax, at: start, "expected a whole number")
    }
    return value
  }

  private mutating func parseBoolean() throws(ThemeError) -> Bool {
    let start = currentPosition
    var word = ""
    while let next = peek(), Self.isBareKeyScalar(next) {
      word.unicodeScalars.append(next)
      advance()
    }
    switch word {
    case "true": return true
    case "false": return false
    default:
      throw error(
        .syntax, at: start, "expected a value; strings need quotes (\"\(word.prefix(20))\")")
    }
  }

  private mutating func parseArray() throws(ThemeError) -> [TOMLDocument.Node] {
    let start = currentPosition
    advance()  // [
    var elements: [TOMLDocument.Node] = []
    while true {
      skipBlankLinesAndComments()
      guard let next = peek() else { throw error(.syntax, at: start, "array is not closed") }
      if next == "]" {
        advance()
        return elements
      }
      guard elements.count < Self.maximumEntries else {
        throw error(
          .tooManyEntries, at: currentPosition,
          "an array has more than \(Self.maximumEntries) elements, the cap")
      }
      elements.append(try parseValue())
      skipBlankLinesAndComments()
      switch peek() {
      case ",": advance()
      case "]":
        advance()
        return elements
      case nil: throw error(.syntax, at: start, "array is not closed")
      default: throw error(.syntax, at: currentPosition, "expected ',' or ']' in the array")
      }
    }
  }

  private mutating func parseInlineTable() throws(ThemeError) -> [TOMLDocument.Entry] {
    let start = currentPosition
    advance()  // {
    var entries: [TOMLDocument.Entry] = []
    var keys: Set<String> = []
    skipSpaces()
    if peek() == "}" {
      advance()
      return entries
    }
    while true {
      skipSpaces()
      guard let next = peek(), next != "\n", next != "#" else {
        throw error(.syntax, at: start, "inline table must be closed with '}' on the same line")
      }
      guard entries.count < Self.maximumEntries else {
        throw error(
          .tooManyEntries, at: currentPosition,
          "an inline table has more than \(Self.maximumEntries) entries, the cap")
      }
      let entry = try parseKeyValue()
      try checkUnique(entry, among: &keys)
      entries.append(entry)
      skipSpaces()
      switch peek() {
      case ",": advance()
      case "}":
        advance()
        return entries
      case nil, "\n", "#":
        throw error(.syntax, at: start, "inline table must be closed with '}' on the same line")
      default: throw error(.syntax, at: currentPosition, "expected ',' or '}' in the inline table")
      }
    }
  }

  // MARK: Lines and whitespace

  private mutating func expectLineEnd() throws(ThemeError) {
    skipSpaces()
    if peek() == "#" { skipComment() }
    switch peek() {
    case nil: return
    case "\n": advance()
    default:
      throw error(
        .syntax, at: currentPosition, "unexpected text after the value; one key per line")
    }
  }

  private mutating func skipBlankLinesAndComments() {
    while let next = peek() {
      if next == " " || next == "\t" || next == "\n" {
        advance()
      } else if next == "#" {
        skipComment()
      } else {
        return
      }
    }
  }

  private mutating func skipSpaces() {
    while let next = peek(), next == " " || next == "\t" { advance() }
  }

  private mutating func skipComment() {
    while let next = peek(), next != "\n" { advance() }
  }

  private mutating func expect(_ scalar: Unicode.Scalar, _ message: String) throws(ThemeError) {
    guard peek() == scalar else { throw error(.syntax, at: currentPosition, message) }
    advance()
  }

  // MARK: Scanning

  private var currentPosition: Position { Position(line: line, column: column) }

  /// The scalar `offset` ahead, with `\r\n` read as `\n`.
  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    let position = index + offset
    guard position < scalars.count else { return nil }
    let scalar = scalars[position]
    if scalar == "\r", position + 1 < scalars.count, scalars[position + 1] == "\n" { return "\n" }
    return scalar
  }

  private mutating func advance() {
    guard index < scalars.count else { return }
    let scalar = scalars[index]
    index += 1
    if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
    if scalar == "\n" || (scalar == "\r" && scalars[index - 1] == "\n") {
      line += 1
      column = 1
    } else {
      column += 1
    }
  }

  private func error(_ kind: ThemeError.Kind, at position: Position, _ message: String)
    -> ThemeError
  {
    ThemeError(kind, file: file, line: position.line, column: position.column, message)
  }

  private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
      || scalar == "-" || scalar == "_"
  }
}
