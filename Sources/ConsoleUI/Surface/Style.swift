/// How a cell looks, said semantically: a theme role plus extra attributes.
///
/// Widgets never pick colours. They name a ``ThemeRole`` (the selected row, a JSON key, the
/// second chart series) and the theme turns it into colours when the surface is flushed, at
/// the colour depth the terminal offers. Golden tests can therefore check *what* a cell is,
/// independently of any theme.
public struct Style: Hashable {
  /// The semantic role the theme resolves to colours and attributes.
  public var role: ThemeRole
  /// Attributes added to the role's own (union).
  public var attributes: TextAttributes

  /// Creates a style for `role`, with `attributes` added to what the theme gives the role.
  public init(_ role: ThemeRole, _ attributes: TextAttributes = []) {
    self.role = role
    self.attributes = attributes
  }

  /// The style of an untouched cell: the screen background.
  public static let background = Style(.background)

  /// The same role with `extra` attributes added.
  public func adding(_ extra: TextAttributes) -> Style {
    Style(role, attributes.union(extra))
  }
}

extension Style: Sendable {}
