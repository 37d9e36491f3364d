// Terms of the filter text form: a key (`PayloadPath` syntax, or the reserved `id`), an
// operator (`:`, `!=`, `!:`, `>`, `>=`, `<`, `<=`), and what the operator takes (a match,
// values, point ids or a number), compiled to one `FilterCondition`.

extension FilterTextParser {
  private enum Operator {
    case match, notMatch, except, range(RangeOperator)
  }

  private enum RangeOperator {
    case gt, gte, lt, lte
  }

  /// Reads one term: a key, an operator and what the operator takes.
  mutating func parseTerm() throws(FilterSyntaxError) -> Item {
    let keyStart = position
    while let character = peek {
      if character == "\"" {
        let open = position
        position += 1
        while let inner = peek, inner != "\"" { position += 1 }
        guard !isAtEnd else { throw error("unterminated quoted key", at: open) }
        position += 1
      } else if PayloadPath.isRawKeyCharacter(character) || character == "." || character == "["
        || character == "]"
      {
        position += 1
      } else {
        break
      }
    }
    guard position > keyStart else {
      throw error(
        peek == "=" || peek == ":" ? "expected a key before the operator" : "expected a condition")
    }
    let keyText = String(characters[keyStart..<position])
    let path: PayloadPath
    do {
      path = try PayloadPath(keyText)
    } catch {
      throw FilterSyntaxError(message: error.message, column: keyStart + error.column)
    }
    let key = path.description
    let isPointID = keyText == "id"

    let operatorStart = position
    let op: Operator
    switch peek {
    case ":":
      op = .match
      position += 1
    case "!" where peek(at: 1) == "=":
      op = .notMatch
      position += 2
    case "!" where peek(at: 1) == ":":
      op = .except
      position += 2
    case ">", "<":
      let inclusive = peek(at: 1) == "="
      if peek == ">" {
        op = .range(inclusive ? .gte : .gt)
      } else {
        op = .range(inclusive ? .lte : .lt)
      }
      position += inclusive ? 2 : 1
    case "=":
      throw error("use ':' to match a value")
    default:
      throw error("expected an operator (':', '!=', '!:', '>', '>=', '<', '<=') after the key")
    }
    let operatorText = String(characters[operatorStart..<position])
    if isPointID {
      switch op {
      case .match, .notMatch: break
      default: throw error("the point id takes only ':' or '!='", at: operatorStart)
      }
    }

    let item: Item
    switch op {
    case .match, .notMatch:
      let condition =
        isPointID
        ? try parseIDs(after: operatorText)
        : try parseMatch(key: key, after: operatorText)
      var negated = false
      if case .notMatch = op { negated = true }
      item = .term(condition, negated: negated, rangeKey: nil)
    case .except:
      let values = try parseValues(after: operatorText)
      item = .term(.field(key: key, .matchExcept(values)), negated: false, rangeKey: nil)
    case .range(let rangeOperator):
      let number = try parseNumber(after: operatorText)
      var bounds = RangeBounds()
      switch rangeOperator {
      case .gt: bounds.gt = number
      case .gte: bounds.gte = number
      case .lt: bounds.lt = number
      case .lte: bounds.lte = number
      }
      item = .term(.field(key: key, .range(bounds)), negated: false, rangeKey: key)
    }
    try expectTermEnd()
    return item
  }

  private mutating func parseMatch(
    key: String, after operatorText: String
  ) throws(FilterSyntaxError) -> FilterCondition {
    guard !isAtValueEnd else { throw error("expected a value after '\(operatorText)'") }
    if peek == "~" {
      position += 1
      guard !isAtValueEnd else { throw error("expected text after '~'") }
      let token = try parseToken(expecting: "expected text after '~'")
      return .field(key: key, .matchText(token.text))
    }
    if peek == "[" || isListAhead {
      return .field(key: key, .matchAny(try parseList(after: operatorText)))
    }
    let token = try parseToken(expecting: "expected a value after '\(operatorText)'")
    if !token.quoted {
      if token.text == "null" { return .isNull(key: key) }
      if token.text == "empty" { return .isEmpty(key: key) }
    }
    return .field(key: key, .matchValue(token.value))
  }

  private mutating func parseValues(after operatorText: String) throws(FilterSyntaxError)
    -> [JSONValue]
  {
    guard !isAtValueEnd else { throw error("expected a value after '\(operatorText)'") }
    if peek == "[" || isListAhead { return try parseList(after: operatorText) }
    let token = try parseToken(expecting: "expected a value after '\(operatorText)'")
    try rejectNull(token)
    return [token.value]
  }

  private mutating func parseIDs(after operatorText: String) throws(FilterSyntaxError)
    -> FilterCondition
  {
    guard !isAtValueEnd else { throw error("expected a point id after '\(operatorText)'") }
    let tokens =
      peek == "[" || isListAhead
      ? try parseListTokens(after: operatorText)
      : [try parseToken(expecting: "expected a point id after '\(operatorText)'")]
    var ids: [PointID] = []
    for token in tokens {
      guard let id = PointID(token.text) else {
        throw error("expected a point id (a non-negative integer or a UUID)", at: token.start)
      }
      ids.append(id)
    }
    return .hasID(ids)
  }

  private mutating func parseNumber(after operatorText: String) throws(FilterSyntaxError)
    -> Double
  {
    let message = "expected a number after '\(operatorText)'"
    guard !isAtValueEnd else { throw error(message) }
    let token = try parseToken(expecting: message)
    guard !token.quoted, let number = Self.number(token.text)?.numberValue else {
      throw error(message, at: token.start)
    }
    return number
  }
}
