/// One word of a command line after quotes and escapes are removed, with its source position.
///
/// Quoting means a token's text and its source differ: in `--filter='a b'` the `a` is the
/// 11th character of the line but the 10th of the text. ``sourceColumn(ofCharacterAt:)`` maps
/// back, so an error found inside the text can point at the right place in the line.
public struct ScriptToken: Hashable {
  /// The token's text, quotes and escapes removed.
  public var text: String
  /// The 1-based column (in Characters) where the token starts in the line.
  public var column: Int
  /// For each Character of `text`, its source column; one extra entry for the end.
  private var columns: [Int]

  /// Creates a token whose text appears verbatim in the line starting at `column`.
  ///
  /// - Complexity: O(n) in the length of `text`.
  public init(text: String, column: Int) {
    self.text = text
    self.column = column
    self.columns = Array(column...(column + text.count))
  }

  /// Creates a token from its text and the source column of each Character plus the end.
  init(text: String, column: Int, columns: [Int]) {
    precondition(columns.count == text.count + 1, "one column per Character plus the end")
    self.text = text
    self.column = column
    self.columns = columns
  }

  /// The 1-based source column of the Character at `offset` in ``text``.
  ///
  /// An offset at or past the end maps to the column just after the last Character's source
  /// (for `'a b'` that is the closing quote); a negative offset maps to ``column``.
  public func sourceColumn(ofCharacterAt offset: Int) -> Int {
    guard offset >= 0 else { return column }
    return columns[min(offset, columns.count - 1)]
  }

  /// The 1-based source column just after the token's last Character.
  public var endColumn: Int { columns[columns.count - 1] }
}

extension ScriptToken: Sendable {}
