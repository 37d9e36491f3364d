/// A malformed filter expression: what is wrong and where, never the payload data.
///
/// Text filters report a 1-based `column` (in `Character`s) on line 1. JSON filters report the
/// `line` and `column` of the problem and, once the JSON itself is well formed, the `path` of
/// the offending member, such as `must[1].match`. Messages name what was expected; they never
/// echo payload values, so an error is safe to log. ``caretDiagram(for:)`` shows the
/// expression itself with a caret under the problem.
public struct FilterSyntaxError: Error, Hashable {
  /// What was expected or rejected, such as "expected a value after ':'".
  public var message: String
  /// The 1-based line of the problem (always 1 for the text form).
  public var line: Int
  /// The 1-based column of the problem on its line, counted in `Character`s.
  public var column: Int
  /// For JSON filters, the path of the offending member, such as `must[1].match`.
  ///
  /// It is `nil` for the text form and for malformed JSON, and `""` for the document itself.
  public var path: String?

  /// Creates an error.
  public init(message: String, line: Int = 1, column: Int, path: String? = nil) {
    self.message = message
    self.line = line
    self.column = column
    self.path = path
  }

  /// Two lines: the offending line of `expression`, then a caret under ``column``.
  ///
  /// Tabs before the column are kept in the caret line so the caret stays aligned. A column
  /// just past the end of the line puts the caret after the last character.
  ///
  /// - Complexity: O(n) in the length of `expression`.
  public func caretDiagram(for expression: String) -> String {
    var lines = expression.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.isEmpty { lines = [""] }
    let index = min(max(line, 1), lines.count) - 1
    var text = Substring(lines[index])
    if text.last == "\r" { text = text.dropLast() }
    var caret = ""
    var remaining = max(column, 1) - 1
    for character in text where remaining > 0 {
      caret.append(character == "\t" ? "\t" : " ")
      remaining -= 1
    }
    caret += String(repeating: " ", count: remaining) + "^"
    return String(text) + "\n" + caret
  }
}

extension FilterSyntaxError: CustomStringConvertible {
  /// `"column C: message"`, with the line and JSON path when they apply.
  public var description: String {
    var text = line == 1 ? "column \(column)" : "line \(line), column \(column)"
    if let path, !path.isEmpty { text += " (\(path))" }
    return text + ": " + message
  }
}

extension FilterSyntaxError: Sendable {}
