/// A command line that cannot be split into tokens: the script author's mistake.
///
/// The error names a column in the line but never repeats the line's text; callers that want
/// to show the line put a caret under ``column`` themselves
/// (see ``ScriptLine/caretMarker(atColumn:)``).
public struct ScriptSyntaxError: Error, Hashable, CustomStringConvertible {
  /// What went wrong, for callers that react differently to each case.
  public enum Kind: Hashable, Sendable {
    /// A `'` with no closing `'` on the line.
    case unterminatedSingleQuote
    /// A `"` with no closing `"` on the line.
    case unterminatedDoubleQuote
    /// A `\` outside quotes with nothing after it to escape.
    case trailingBackslash
  }

  /// Which rule the line broke.
  public var kind: Kind
  /// A lowercase sentence fragment such as "unterminated single quote".
  public var message: String
  /// The 1-based column (in Characters) of the offending quote or backslash.
  public var column: Int

  /// Creates an error.
  public init(kind: Kind, message: String, column: Int) {
    self.kind = kind
    self.message = message
    self.column = column
  }

  /// `"column C: message"`.
  public var description: String { "column \(column): \(message)" }
}

extension ScriptSyntaxError: Sendable {}
