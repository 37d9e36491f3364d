import Operations

/// The footer: key hints generated from the keymap, ` : command  / filter  ? help  q quit`.
///
/// Hints that do not fit whole are left out, from the end, so the footer never shows half a
/// hint.
public struct FooterHints: Hashable {
  /// The hints, most important first (see ``Keymap/footerHints(for:)``).
  public var hints: [KeyHint]
  /// Blank columns between hints.
  public var spacing: Int

  /// Creates a footer.
  public init(_ hints: [KeyHint], spacing: Int = 2) {
    self.hints = hints
    self.spacing = spacing
  }

  /// Draws the footer in the first row of `area`, over a ``ThemeRole/footer`` background.
  ///
  /// - Complexity: O(total length of the hints).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    surface.fill(row, style: Style(.footer))
    var x = row.x + 1
    for hint in hints {
      let width = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.title)
      guard x + width <= row.maxX else { break }
      let afterKey = surface.write(hint.keys, at: Point(x: x, y: row.y), style: Style(.keyHint))
      let end = surface.write(
        " " + hint.title, at: Point(x: afterKey, y: row.y), style: Style(.keyHintText))
      x = end + spacing
    }
  }
}

extension FooterHints: Sendable {}
