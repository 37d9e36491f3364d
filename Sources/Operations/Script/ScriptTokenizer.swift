/// Splits one command line into tokens with shell-like quoting.
///
/// The rules:
/// - Whitespace separates tokens.
/// - Inside single quotes every character is literal.
/// - Inside double quotes, `\"` and `\\` stand for `"` and `\`; any other backslash is literal.
/// - Outside quotes a backslash makes the next character literal (`a\ b` is one token).
/// - Quoted and unquoted parts that touch form one token: `--filter='a b'` is `--filter=a b`,
///   and `''` is an empty token.
/// - A `#` where a token would start begins a comment that runs to the end of the line;
///   inside a token (`a#b`) it is an ordinary character.
///
/// Columns are 1-based and count Characters (grapheme clusters) of the line.
public enum ScriptTokenizer {
  /// Splits `line` into tokens.
  ///
  /// - Complexity: O(n) in the length of `line`.
  /// - Throws: ``ScriptSyntaxError`` for an unterminated quote (at the opening quote's column)
  ///   or a backslash that ends the line (at its column).
  public static func tokenize(_ line: String) throws(ScriptSyntaxError) -> [ScriptToken] {
    let characters = Array(line)
    var tokens: [ScriptToken] = []
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character.isWhitespace {
        index += 1
        continue
      }
      if character == "#" { break }
      var token = TokenBuilder(column: index + 1)
      while index < characters.count, !characters[index].isWhitespace {
        switch characters[index] {
        case "'":
          let opening = index
          index += 1
          while index < characters.count, characters[index] != "'" {
            token.append(characters[index], column: index + 1)
            index += 1
          }
          guard index < characters.count else {
            throw ScriptSyntaxError(
              kind: .unterminatedSingleQuote, message: "unterminated single quote",
              column: opening + 1)
          }
          token.noteQuoted(closingColumn: index + 1)
          index += 1
        case "\"":
          let opening = index
          index += 1
          while index < characters.count, characters[index] != "\"" {
            if characters[index] == "\\", index + 1 < characters.count,
              characters[index + 1] == "\"" || characters[index + 1] == "\\"
            {
              token.append(characters[index + 1], column: index + 2)
              index += 2
            } else {
              token.append(characters[index], column: index + 1)
              index += 1
            }
          }
          guard index < characters.count else {
            throw ScriptSyntaxError(
              kind: .unterminatedDoubleQuote, message: "unterminated double quote",
              column: opening + 1)
          }
          token.noteQuoted(closingColumn: index + 1)
          index += 1
        case "\\":
          guard index + 1 < characters.count else {
            throw ScriptSyntaxError(
              kind: .trailingBackslash, message: "backslash at the end of the line escapes nothing",
              column: index + 1)
          }
          token.append(characters[index + 1], column: index + 2)
          index += 2
        default:
          token.append(characters[index], column: index + 1)
          index += 1
        }
      }
      tokens.append(token.finish())
    }
    return tokens
  }
}

/// Accumulates one token's text and the source column of every Unicode scalar in it.
///
/// Columns are kept per scalar because pieces appended separately can merge into one
/// Character (a combining mark after a closing quote); `finish()` regroups them.
private struct TokenBuilder {
  let column: Int
  var text = ""
  var scalarColumns: [Int] = []
  /// The column just after an empty quoted part, for tokens such as `''`.
  var emptyEnd: Int?

  init(column: Int) {
    self.column = column
  }

  mutating func append(_ character: Character, column: Int) {
    text.append(character)
    for _ in character.unicodeScalars { scalarColumns.append(column) }
  }

  mutating func noteQuoted(closingColumn: Int) {
    if text.isEmpty { emptyEnd = closingColumn }
  }

  func finish() -> ScriptToken {
    var columns: [Int] = []
    columns.reserveCapacity(scalarColumns.count + 1)
    var scalarIndex = 0
    for character in text {
      columns.append(scalarColumns[scalarIndex])
      scalarIndex += character.unicodeScalars.count
    }
    columns.append((scalarColumns.last.map { $0 + 1 }) ?? emptyEnd ?? column)
    return ScriptToken(text: text, column: column, columns: columns)
  }
}
