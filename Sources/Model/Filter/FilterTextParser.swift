/// Parses the short text form of filters, for people typing in a filter bar.
///
/// Grammar (`ws` is any run of whitespace; it may appear between any two tokens except
/// inside a term, where it ends the term):
///
/// ```
/// filter   := ws or ws EOF
/// or       := and (ws '|' ws and)*                 -- OR, binds loosest
/// and      := unary (ws unary)*                    -- juxtaposition is AND
/// unary    := '!' ws unary                         -- NOT, binds tightest
///           | '(' ws or ws ')'
///           | term
/// term     := 'id' (':' | '!=') ids                -- has_id (bare `id` only)
///           | key ':' match                        -- match
///           | key '!=' match                       -- NOT match: same as '!' key ':' match
///           | key '!:' values                      -- match except (Qdrant's NOT IN)
///           | key ('>' | '>=' | '<' | '<=') number -- range
/// match    := 'null'                               -- is_null
///           | 'empty'                              -- is_empty
///           | '~' text                             -- full-text match: every word
///           | value                                -- match value
///           | list                                 -- match any
/// values   := value | list
/// ids      := id | id (',' id)+ | '[' ws id (ws ',' ws id)* ws ']'
/// list     := value (',' value)+ | '[' ws value (ws ',' ws value)* ws ']'
/// text     := bare | quoted
/// value    := bare | quoted
/// bare     := (any character but whitespace and ( ) [ ] , | " ')+
/// quoted   := '"' (character | '\' escape)* '"'    -- escapes: \" \\ \/ \n \t \r \uXXXX
///           | "'" (any character but "'")* "'"     -- no escapes
/// key      := segment ('.' segment | '[]' | '[' digits ']')*
/// segment  := (letter | digit | '_' | '-')+ | '"' (any character but '"' and '\')* '"'
/// number   := a JSON number, e.g. 3, -3.5, 1e6
/// id       := a non-negative integer or a UUID, bare or quoted
/// ```
///
/// A bare value is typed: `true`/`false` are bools, a JSON integer that fits in 64 bits is an
/// integer, any other JSON number a float, anything else a string (`2020-01-01`, `007` and
/// `-` are strings). A quoted value is always a string, so `tag:"null"`, `n:"42"` and
/// `flag:'true'` match strings. In a list, a bare `null` is an error (use `key:null`).
///
/// The key `id` is reserved for the point id. To filter a payload field named `id`, quote
/// it: `"id":42`. Quoting a key segment also allows other characters: `"a.b":1` is the field
/// named `a.b`, while `a.b:1` is field `b` inside field `a`.
///
/// Compilation: the terms of an AND become `must` (and `must_not` for negated ones); an OR
/// becomes `should`, each side one condition, or a nested filter when it has several; a NOT
/// of a group becomes `must_not` of that group. Range terms on the same key in the same
/// group combine into one range when their bounds differ: `year>=2020 year<2025` is one
/// condition that needs a single value in `[2020, 2025)`; parenthesize to keep them apart.
///
/// Examples:
///
/// ```
/// tenant:acme year>=2020 !lang:de tag:[a,b] id:42
/// city:London color!=red                  -- must city, must_not color
/// a:1 b:2 | c:3                           -- (a AND b) OR c
/// !(status:draft | status:deleted)
/// title:~"vector database" tags:rag,llm
/// score>0.5 score<=1 reports:empty note:null
/// color!:[red,blue]                        -- has a color other than red and blue
/// "id":7 "weird key":"x y" country.cities[].population>=9
/// ```
struct FilterTextParser {
  /// How deeply `!` and parentheses may nest, so hostile input can't overflow the stack.
  static let maximumDepth = 128

  /// The expression being parsed.
  let characters: [Character]
  /// The index in ``characters`` of the next character to read.
  var position = 0
  private var depth = 0

  /// Parses `expression`.
  ///
  /// - Complexity: O(n) in the length of `expression`.
  /// - Throws: ``FilterSyntaxError`` with the 1-based column of the problem.
  static func parse(_ expression: String) throws(FilterSyntaxError) -> Filter {
    var parser = FilterTextParser(characters: Array(expression))
    parser.skipWhitespace()
    guard !parser.isAtEnd else {
      throw FilterSyntaxError(message: "empty filter expression", column: 1)
    }
    let filter = try parser.parseOr()
    parser.skipWhitespace()
    if !parser.isAtEnd {
      throw parser.error(parser.peek == ")" ? "unbalanced ')'" : "expected a condition")
    }
    return filter
  }

  private init(characters: [Character]) {
    self.characters = characters
  }

  // MARK: Structure

  private mutating func parseOr() throws(FilterSyntaxError) -> Filter {
    var sides = [try parseAnd()]
    while true {
      skipWhitespace()
      guard peek == "|" else { break }
      position += 1
      skipWhitespace()
      if isAtEnd || peek == "|" || peek == ")" {
        throw error("expected a condition after '|'")
      }
      sides.append(try parseAnd())
    }
    guard sides.count > 1 else { return sides[0] }
    var should: [FilterCondition] = []
    for side in sides {
      if side.must.isEmpty, side.mustNot.isEmpty, side.minShould == nil, !side.should.isEmpty {
        should += side.should  // (a | b) | c is a | b | c
      } else {
        should.append(Self.condition(of: side))
      }
    }
    return Filter(should: should)
  }

  /// One operand of an AND: a term or a parenthesized group, either possibly negated.
  enum Item {
    /// A term; `rangeKey` is set for a range term that may absorb or join another bound.
    case term(FilterCondition, negated: Bool, rangeKey: String?)
    /// A parenthesized group.
    case group(Filter, negated: Bool)
  }

  private mutating func parseAnd() throws(FilterSyntaxError) -> Filter {
    var items: [Item] = []
    while true {
      skipWhitespace()
      guard let next = peek, next != "|", next != ")" else { break }
      items.append(try parseUnary())
    }
    guard !items.isEmpty else {
      throw error(isAtEnd || peek == "|" ? "expected a condition" : "unbalanced ')'")
    }
    if items.count == 1, case .group(let group, negated: false) = items[0] { return group }
    var filter = Filter()
    var openRanges: [String: Int] = [:]  // key → index in `must` of a bare range term
    for item in items {
      switch item {
      case .term(let condition, negated: true, _):
        filter.mustNot.append(condition)
      case .term(let condition, negated: false, let rangeKey):
        if let rangeKey, case .field(_, .range(let bounds)) = condition {
          if let index = openRanges[rangeKey],
            case .field(let key, .range(let existing)) =
              filter.must[index], let merged = Self.merge(existing, bounds)
          {
            filter.must[index] = .field(key: key, .range(merged))
            continue
          }
          openRanges[rangeKey] = filter.must.count
        }
        filter.must.append(condition)
      case .group(let group, negated: false):
        if group.should.isEmpty, group.minShould == nil {
          filter.must += group.must
          filter.mustNot += group.mustNot
        } else {
          filter.must.append(.filter(group))
        }
      case .group(let group, negated: true):
        if group.must.isEmpty, group.should.isEmpty, group.minShould == nil,
          group.mustNot.count == 1
        {
          filter.must.append(group.mustNot[0])  // !(!x) is x
        } else {
          filter.mustNot.append(Self.condition(of: group))
        }
      }
    }
    return filter
  }

  private mutating func parseUnary() throws(FilterSyntaxError) -> Item {
    guard depth < Self.maximumDepth else { throw error("the filter nests too deeply") }
    depth += 1
    defer { depth -= 1 }
    if peek == "!" {
      position += 1
      skipWhitespace()
      if isAtEnd || peek == "|" || peek == ")" { throw error("expected a condition after '!'") }
      switch try parseUnary() {
      case .term(let condition, let negated, let rangeKey):
        return .term(condition, negated: !negated, rangeKey: rangeKey)
      case .group(let group, let negated):
        return .group(group, negated: !negated)
      }
    }
    if peek == "(" {
      let open = position
      position += 1
      skipWhitespace()
      if peek == ")" { throw error("expected a condition inside '()'") }
      if isAtEnd { throw error("unbalanced '('", at: open) }
      let group = try parseOr()
      skipWhitespace()
      guard peek == ")" else { throw error("unbalanced '('", at: open) }
      position += 1
      return .group(group, negated: false)
    }
    return try parseTerm()
  }

  // MARK: Helpers

  /// Whether `character` ends a bare word.
  static func endsBareWord(_ character: Character) -> Bool {
    character.isWhitespace || "()[],|\"'".contains(character)
  }

  /// The JSON number `text` denotes, or `nil` when it is not exactly a finite JSON number.
  static func number(_ text: String) -> JSONValue? {
    let bytes = Array(text.utf8)
    var index = 0
    func digits() -> Int {
      let start = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
        bytes[index] <= UInt8(ascii: "9")
      {
        index += 1
      }
      return index - start
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let integerStart = index
    let integerDigits = digits()
    guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
      return nil
    }
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return nil }
      isInteger = false
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits() > 0 else { return nil }
      isInteger = false
    }
    guard index == bytes.count else { return nil }
    if isInteger, let integer = Int64(text) { return .int(integer) }
    if isInteger, let integer = UInt64(text) { return .integer(integer) }
    guard let double = Double(text), double.isFinite else { return nil }
    return .double(double)
  }

  /// Combines two ranges when no bound is set in both.
  private static func merge(_ a: RangeBounds, _ b: RangeBounds) -> RangeBounds? {
    if (a.gt != nil && b.gt != nil) || (a.gte != nil && b.gte != nil)
      || (a.lt != nil && b.lt != nil) || (a.lte != nil && b.lte != nil)
    {
      return nil
    }
    return RangeBounds(gt: a.gt ?? b.gt, gte: a.gte ?? b.gte, lt: a.lt ?? b.lt, lte: a.lte ?? b.lte)
  }

  /// A group as one condition: its only `must` condition, or the group as a nested filter.
  static func condition(of filter: Filter) -> FilterCondition {
    if filter.must.count == 1, filter.should.isEmpty, filter.mustNot.isEmpty,
      filter.minShould == nil
    {
      return filter.must[0]
    }
    return .filter(filter)
  }

  /// Whether every character has been read.
  var isAtEnd: Bool { position >= characters.count }

  /// The character at the cursor, or `nil` at the end.
  var peek: Character? { position < characters.count ? characters[position] : nil }

  /// The character `offset` places after the cursor, or `nil` past the end.
  func peek(at offset: Int) -> Character? {
    position + offset < characters.count ? characters[position + offset] : nil
  }

  /// Whether no value starts at the cursor: the end, whitespace, `)` or `|`.
  var isAtValueEnd: Bool {
    guard let character = peek else { return true }
    return character.isWhitespace || character == ")" || character == "|"
  }

  /// Moves the cursor past any whitespace.
  mutating func skipWhitespace() {
    while let character = peek, character.isWhitespace { position += 1 }
  }

  /// A syntax error at character `index` (default: the cursor), with its 1-based column.
  func error(_ message: String, at index: Int? = nil) -> FilterSyntaxError {
    FilterSyntaxError(message: message, column: (index ?? position) + 1)
  }
}
