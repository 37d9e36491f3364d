/// What a theme file says about one role: each part optional, missing parts inherited.
public struct RoleStyle: Hashable {
  /// The text colour, or `nil` to inherit it.
  public var foreground: ThemeColor?
  /// The background colour, or `nil` to inherit it.
  public var background: ThemeColor?
  /// The attributes, or `nil` to inherit them.
  public var modifiers: TextAttributes?

  /// Creates a role style.
  public init(
    foreground: ThemeColor? = nil, background: ThemeColor? = nil, modifiers: TextAttributes? = nil
  ) {
    self.foreground = foreground
    self.background = background
    self.modifiers = modifiers
  }

  /// This style with its missing parts taken from `parent`.
  func inheriting(from parent: ResolvedStyle) -> ResolvedStyle {
    ResolvedStyle(
      foreground: foreground ?? parent.foreground, background: background ?? parent.background,
      attributes: modifiers ?? parent.attributes)
  }
}

extension RoleStyle: Sendable {}
