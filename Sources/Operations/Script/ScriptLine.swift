/// One command of a script: its line number, its text, and its tokens or syntax error.
///
/// A command continued with a trailing backslash spans several physical lines. Its ``text`` is
/// those lines joined with each continuing backslash replaced by a space, and every column
/// (of tokens and errors) counts through that joined text: columns on the first line are
/// unchanged, and a column past the first line's end lies on a continuation line.
public struct ScriptLine: Hashable {
  /// The 1-based number of the (first) physical line.
  public var number: Int
  /// The 1-based number of the last physical line; equals ``number`` unless continued.
  public var lastNumber: Int
  /// The command's text, continuation lines joined (see the type's discussion).
  public var text: String
  /// The tokens, or why the line could not be split.
  public var tokens: Result<[ScriptToken], ScriptSyntaxError>

  /// Creates a line.
  public init(
    number: Int, lastNumber: Int? = nil, text: String,
    tokens: Result<[ScriptToken], ScriptSyntaxError>
  ) {
    self.number = number
    self.lastNumber = lastNumber ?? number
    self.text = text
    self.tokens = tokens
  }

  /// Spaces (and tabs where ``text`` has tabs) ending in `^` under the 1-based `column`.
  ///
  /// Printed below ``text`` the caret lines up in a terminal: the padding follows the display
  /// width of the text before the column, so wide characters such as CJK count twice.
  ///
  /// - Complexity: O(n) in the length of ``text``.
  public func caretMarker(atColumn column: Int) -> String {
    var marker = ""
    for character in text.prefix(max(column - 1, 0)) {
      if character == "\t" {
        marker.append("\t")
      } else {
        marker.append(String(repeating: " ", count: DisplayWidth.of(character)))
      }
    }
    return marker + "^"
  }
}

extension ScriptLine: Sendable {}
