// Values of the filter text form: bare words (typed: bool, number, else string), quoted
// strings (double quotes with JSON-like escapes, single quotes without), and lists, with or
// without brackets.

extension FilterTextParser {
  /// A bare word or a quoted string, with the index where it starts.
  struct Token {
    var text: String
    var quoted: Bool
    var start: Int

    /// The typed value: quoted text is a string; bare text may be a bool or a number.
    var value: JSONValue {
      if quoted { return .string(text) }
      switch text {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: return FilterTextParser.number(text) ?? .string(text)
      }
    }
  }

  /// Whether the value at the cursor is a comma list without brackets (`a,b`).
  var isListAhead: Bool {
    var probe = self
    guard (try? probe.parseToken(expecting: "")) != nil else { return false }
    return probe.peek == ","
  }

  /// Reads a list of values (see ``parseListTokens(after:)``); a bare `null` is an error.
  mutating func parseList(after operatorText: String) throws(FilterSyntaxError)
    -> [JSONValue]
  {
    var values: [JSONValue] = []
    for token in try parseListTokens(after: operatorText) {
      try rejectNull(token)
      values.append(token.value)
    }
    return values
  }

  /// Reads `[v, …]` or `v,v,…` (at least two values without brackets).
  mutating func parseListTokens(after operatorText: String) throws(FilterSyntaxError)
    -> [Token]
  {
    var tokens: [Token] = []
    if peek == "[" {
      let open = position
      position += 1
      skipWhitespace()
      if peek == "]" { throw error("expected a value in the list") }
      while true {
        skipWhitespace()
        if isAtEnd { throw error("unbalanced '['", at: open) }
        tokens.append(try parseToken(expecting: "expected a value in the list"))
        skipWhitespace()
        if peek == "," {
          position += 1
          continue
        }
        if peek == "]" {
          position += 1
          return tokens
        }
        throw error(
          isAtEnd ? "unbalanced '['" : "expected ',' or ']'", at: isAtEnd ? open : position)
      }
    }
    tokens.append(try parseToken(expecting: "expected a value after '\(operatorText)'"))
    while peek == "," {
      position += 1
      if isAtValueEnd { throw error("expected a value after ','") }
      tokens.append(try parseToken(expecting: "expected a value after ','"))
    }
    return tokens
  }

  /// Fails for a bare `null`, which is not a value inside a list or after `!:`.
  func rejectNull(_ token: Token) throws(FilterSyntaxError) {
    if !token.quoted, token.text == "null" {
      throw error("null is not a value here; use key:null or key!=null", at: token.start)
    }
  }

  /// Reads a bare word or a quoted string.
  mutating func parseToken(expecting message: String) throws(FilterSyntaxError) -> Token {
    let start = position
    switch peek {
    case "\"":
      position += 1
      var text = ""
      while true {
        guard let character = peek else { throw error("unterminated string", at: start) }
        position += 1
        if character == "\"" { break }
        if character != "\\" {
          text.append(character)
          continue
        }
        let escapeStart = position - 1
        guard let escaped = peek else { throw error("unterminated string", at: start) }
        position += 1
        switch escaped {
        case "\"", "\\", "/": text.append(escaped)
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "r": text.append("\r")
        case "u":
          var code: UInt32 = 0
          for _ in 0..<4 {
            guard let digit = peek?.hexDigitValue, peek?.isASCII == true else {
              throw error("expected four hex digits after '\\u'", at: escapeStart)
            }
            code = code * 16 + UInt32(digit)
            position += 1
          }
          guard let scalar = Unicode.Scalar(code) else {
            throw error("invalid unicode escape", at: escapeStart)
          }
          text.unicodeScalars.append(scalar)
        default:
          throw error("unknown escape sequence", at: escapeStart)
        }
      }
      return Token(text: text, quoted: true, start: start)
    case "'":
      position += 1
      var text = ""
      while true {
        guard let character = peek else { throw error("unterminated string", at: start) }
        position += 1
        if character == "'" { break }
        text.append(character)
      }
      return Token(text: text, quoted: true, start: start)
    default:
      while let character = peek, !Self.endsBareWord(character) { position += 1 }
      guard position > start else { throw error(message) }
      return Token(text: String(characters[start..<position]), quoted: false, start: start)
    }
  }

  /// A term must be followed by whitespace, `)`, `|` or the end.
  func expectTermEnd() throws(FilterSyntaxError) {
    guard let character = peek, !character.isWhitespace, character != ")", character != "|"
    else { return }
    if character == "\"" || character == "'" {
      throw error("unexpected quote inside a value; quote the whole value")
    }
    throw error("unexpected character after the value")
  }
}
