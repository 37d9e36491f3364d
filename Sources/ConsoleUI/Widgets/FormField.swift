/// One labelled field of a ``FormView``.
public struct FormField: Hashable {
  /// The label left of the field.
  public var label: String
  /// The text and cursor.
  public var state: TextFieldState
  /// Shown, dimmed, while the field is empty.
  public var placeholder: String

  /// Creates a field.
  public init(_ label: String, state: TextFieldState = TextFieldState(), placeholder: String = "") {
    self.label = label
    self.state = state
    self.placeholder = placeholder
  }
}

extension FormField: Sendable {}
