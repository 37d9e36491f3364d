import Operations

/// A border around a panel, with an optional title in the top edge: `╭─ Points ─────╮`.
public struct Frame: Hashable {
  /// The title drawn in the top edge, or `nil`.
  public var title: String?
  /// The border's role (``ThemeRole/border``, or ``ThemeRole/borderFocused`` for the focused
  /// panel, or ``ThemeRole/dialogBorder``).
  public var role: ThemeRole
  /// The title's role.
  public var titleRole: ThemeRole
  /// The characters to draw with.
  public var glyphs: BorderGlyphs

  /// Creates a frame.
  public init(
    title: String? = nil, role: ThemeRole = .border, titleRole: ThemeRole = .title,
    glyphs: BorderGlyphs = .rounded
  ) {
    self.title = title
    self.role = role
    self.titleRole = titleRole
    self.glyphs = glyphs
  }

  /// Draws the frame on the edge of `area` and returns the area inside it.
  ///
  /// An area narrower or lower than 2 cells has no room for a border: nothing is drawn and
  /// the area itself is returned. The title is cut to fit between the corners.
  ///
  /// - Complexity: O(perimeter of `area`).
  @discardableResult
  public func render(into surface: inout Surface, area: Rect) -> Rect {
    guard area.width >= 2, area.height >= 2 else { return Self.innerArea(of: area) }
    let style = Style(role)
    surface.withClip(area) { surface in
      let top = area.y
      let bottom = area.maxY - 1
      surface.fill(
        Rect(x: area.x + 1, y: top, width: area.width - 2, height: 1), with: glyphs.horizontal,
        style: style)
      surface.fill(
        Rect(x: area.x + 1, y: bottom, width: area.width - 2, height: 1), with: glyphs.horizontal,
        style: style)
      surface.fill(
        Rect(x: area.x, y: top + 1, width: 1, height: area.height - 2), with: glyphs.vertical,
        style: style)
      surface.fill(
        Rect(x: area.maxX - 1, y: top + 1, width: 1, height: area.height - 2),
        with: glyphs.vertical, style: style)
      surface.write(String(glyphs.topLeft), at: Point(x: area.x, y: top), style: style)
      surface.write(String(glyphs.topRight), at: Point(x: area.maxX - 1, y: top), style: style)
      surface.write(String(glyphs.bottomLeft), at: Point(x: area.x, y: bottom), style: style)
      surface.write(
        String(glyphs.bottomRight), at: Point(x: area.maxX - 1, y: bottom), style: style)
      if let title, !title.isEmpty, area.width >= 8 {
        let room = area.width - 4
        let shown = DisplayWidth.truncated(title, toWidth: room - 2)
        let x = surface.write(" ", at: Point(x: area.x + 2, y: top), style: style)
        let end = surface.write(shown, at: Point(x: x, y: top), style: Style(titleRole))
        surface.write(" ", at: Point(x: end, y: top), style: style)
      }
    }
    return Self.innerArea(of: area)
  }

  /// The area inside a frame drawn on the edge of `area`, as ``render(into:area:)`` returns
  /// it (for mouse clicks, without drawing).
  public static func innerArea(of area: Rect) -> Rect {
    guard area.width >= 2, area.height >= 2 else { return area }
    return area.inset(by: 1)
  }
}

extension Frame: Sendable {}
