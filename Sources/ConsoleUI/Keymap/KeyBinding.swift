/// One entry of a ``Keymap``: in `context`, `key` means `action`.
public struct KeyBinding: Hashable {
  /// The key.
  public var key: Key
  /// What it does.
  public var action: Action
  /// Where it applies.
  public var context: KeyContext
  /// Whether the footer advertises it (only the first key of an action is shown there).
  public var showsInFooter: Bool

  /// Creates a binding.
  public init(_ key: Key, _ action: Action, in context: KeyContext, footer: Bool = false) {
    self.key = key
    self.action = action
    self.context = context
    self.showsInFooter = footer
  }
}

extension KeyBinding: Sendable {}
