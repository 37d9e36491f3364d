/// A theme: a palette of named colours and the look of each ``ThemeRole``.
///
/// Roles the theme does not set inherit from their parent role (see ``ThemeRole/parent``),
/// so ``style(of:)`` answers for every role. Themes come from `Themes/*.toml` files through
/// ``parse(_:file:)`` and ``ThemeLocator``; ``builtIn`` is compiled in.
public struct Theme: Hashable {
  /// The theme's name (`qdrant-dark`).
  public var name: String
  /// A line saying what the theme is for.
  public var summary: String?
  /// Named colours the roles refer to.
  public var palette: [String: ThemeColor]
  /// The roles the theme sets, as written.
  public var roles: [ThemeRole: RoleStyle]

  /// Creates a theme from a palette and role styles.
  public init(
    name: String, summary: String? = nil, palette: [String: ThemeColor] = [:],
    roles: [ThemeRole: RoleStyle]
  ) {
    self.name = name
    self.summary = summary
    self.palette = palette
    self.roles = roles
  }

  /// The complete look of `role`, inheriting whatever the theme leaves unset.
  ///
  /// - Complexity: O(depth of the role tree), at most a handful of steps.
  public func style(of role: ThemeRole) -> ResolvedStyle {
    let inherited = role.parent.map { style(of: $0) } ?? .terminal
    return roles[role]?.inheriting(from: inherited) ?? inherited
  }

  /// The role whose look a highlight role must differ from: its nearest non-highlight ancestor.
  static func comparisonRole(for role: ThemeRole) -> ThemeRole {
    var candidate = role.parent ?? .background
    while candidate.isHighlight, let parent = candidate.parent { candidate = parent }
    return candidate
  }

  /// Whether `role` stands out from its surroundings: reverse video, or a background of its own.
  func standsOut(_ role: ThemeRole) -> Bool {
    let own = style(of: role)
    if own.attributes.contains(.reverse) { return true }
    return own.background != style(of: Self.comparisonRole(for: role)).background
  }

  /// Every role's look at `depth`, ready for the terminal.
  ///
  /// - Complexity: O(number of roles).
  public func resolved(for depth: ColorDepth) -> ResolvedTheme {
    ResolvedTheme(theme: self, depth: depth)
  }
}

extension Theme: Sendable {}
