/// Malformed JSON: what was expected and where, never the offending text itself.
public struct JSONSyntaxError: Error, Hashable, CustomStringConvertible {
  /// What the parser expected or rejected, e.g. "expected ',' or ']'".
  public var message: String
  /// The byte offset of the problem, from 0.
  public var offset: Int
  /// The 1-based line of the problem.
  public var line: Int
  /// The 1-based column (in bytes) of the problem.
  public var column: Int

  /// Creates an error.
  public init(message: String, offset: Int, line: Int, column: Int) {
    self.message = message
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// `"line L, column C: message"`.
  public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONSyntaxError: Sendable {}
