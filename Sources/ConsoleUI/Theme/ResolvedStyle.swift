/// A role's complete look: both colours and the attributes, nothing left to inherit.
public struct ResolvedStyle: Hashable {
  /// The text colour.
  public var foreground: ThemeColor
  /// The background colour.
  public var background: ThemeColor
  /// The attributes.
  public var attributes: TextAttributes

  /// Creates a resolved style.
  public init(foreground: ThemeColor, background: ThemeColor, attributes: TextAttributes = []) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// The terminal's own colours, no attributes.
  public static let terminal = ResolvedStyle(
    foreground: .terminalDefault, background: .terminalDefault)
}

extension ResolvedStyle: Sendable {}
