/// What an open dialog remembers: the focused button and the typed confirmation.
public struct DialogState: Hashable {
  /// The focused button's index.
  public var focusedButton: Int
  /// The text typed into a typed-name confirmation.
  public var field: TextFieldState

  /// Creates a state.
  public init(focusedButton: Int, field: TextFieldState = TextFieldState()) {
    self.focusedButton = focusedButton
    self.field = field
  }
}

extension DialogState: Sendable {}
