import Model
/// A one-line message in the status row: what just happened, or what went wrong.
public struct StatusMessage: Hashable {
  /// The text.
  public var text: String
  /// How it is drawn (``ThemeRole/statusError`` for failures).
  public var role: ThemeRole

  /// Creates a message.
  public init(_ text: String, role: ThemeRole = .statusInfo) {
    self.text = text
    self.role = role
  }
}

extension StatusMessage: Sendable {}
