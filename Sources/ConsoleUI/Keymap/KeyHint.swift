/// A key and what it does, as the footer and help show them.
public struct KeyHint: Hashable {
  /// The key or keys, as written on screen (`Ctrl-D`, `j ↓`).
  public var keys: String
  /// The action.
  public var action: Action

  /// Creates a hint.
  public init(keys: String, action: Action) {
    self.keys = keys
    self.action = action
  }

  /// The footer's words for the action.
  public var title: String { action.title }
}

extension KeyHint: Sendable {}
