/// A theme's roles resolved at one colour depth: what the terminal flusher draws with.
///
/// Colours are degraded to the depth (see ``ThemeColor/degraded(to:)``). Degrading can merge
/// two colours (two dark blues both become black at 16 colours), which would hide the selected
/// row; so a highlight role whose background no longer differs from its surroundings gets
/// reverse video instead. At ``ColorDepth/mono`` every highlight is reverse video.
public struct ResolvedTheme: Hashable {
  /// The theme's name.
  public let name: String
  /// The depth the colours were degraded to.
  public let depth: ColorDepth
  private let styles: [ThemeRole: ResolvedStyle]

  /// Resolves every role of `theme` at `depth`.
  ///
  /// - Complexity: O(number of roles).
  public init(theme: Theme, depth: ColorDepth) {
    self.name = theme.name
    self.depth = depth
    func degrade(_ style: ResolvedStyle) -> ResolvedStyle {
      ResolvedStyle(
        foreground: style.foreground.degraded(to: depth) ?? .terminalDefault,
        background: style.background.degraded(to: depth) ?? .terminalDefault,
        attributes: style.attributes)
    }
    var styles: [ThemeRole: ResolvedStyle] = [:]
    for role in ThemeRole.allCases { styles[role] = degrade(theme.style(of: role)) }
    for role in ThemeRole.allCases where role.isHighlight {
      guard var style = styles[role], !style.attributes.contains(.reverse) else { continue }
      let surroundings = styles[Theme.comparisonRole(for: role)] ?? .terminal
      if style.background == surroundings.background {
        style = ResolvedStyle(
          foreground: surroundings.foreground, background: surroundings.background,
          attributes: style.attributes.union(.reverse))
        styles[role] = style
      }
    }
    self.styles = styles
  }

  /// The look of a role.
  public subscript(role: ThemeRole) -> ResolvedStyle { styles[role] ?? .terminal }

  /// The look of a cell style: its role's look plus the style's own attributes.
  public subscript(style: Style) -> ResolvedStyle {
    var resolved = self[style.role]
    resolved.attributes.formUnion(style.attributes)
    return resolved
  }
}

extension ResolvedTheme: Sendable {}
