/// Malformed JSON, or JSON over a cap the reader set: what and where, never the offending text.
public struct JSONSyntaxError: Error, Hashable, CustomStringConvertible {
  /// Which rule the text broke.
  public enum Kind: Hashable, Sendable {
    /// The text is not JSON (RFC 8259).
    case malformed
    /// Arrays and objects nest deeper than ``JSONParser/maximumDepth``.
    case tooDeep
    /// An object has more keys than the caller's cap (duplicates count); the position is
    /// that of the first key past the cap.
    case tooManyKeys
  }

  /// What the parser expected or rejected, e.g. "expected ',' or ']'".
  public var message: String
  /// The byte offset of the problem, from 0.
  public var offset: Int
  /// The 1-based line of the problem.
  public var line: Int
  /// The 1-based column (in bytes) of the problem.
  public var column: Int
  /// Which rule the text broke.
  public var kind: Kind

  /// Creates an error.
  public init(message: String, offset: Int, line: Int, column: Int, kind: Kind = .malformed) {
    self.message = message
    self.offset = offset
    self.line = line
    self.column = column
    self.kind = kind
  }

  /// `"line L, column C: message"`.
  public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONSyntaxError: Sendable {}
