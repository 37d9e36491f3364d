import Model
/// One line of the console's scrollback.
public struct ConsoleLine: Hashable {
  /// The text (no newline).
  public var text: String
  /// How it is drawn: the echoed command, output, or an error.
  public var role: ThemeRole

  /// Creates a line.
  public init(_ text: String, role: ThemeRole = .text) {
    self.text = text
    self.role = role
  }
}

extension ConsoleLine: Sendable {}
