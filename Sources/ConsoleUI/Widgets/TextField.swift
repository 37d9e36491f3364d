import Operations

/// A one-line text field: the text on a field background, scrolled to keep the cursor in
/// view, the cursor drawn in reverse video and reported as the surface's cursor when focused.
public struct TextField: Hashable {
  /// The text and cursor.
  public var state: TextFieldState
  /// Shown, dimmed, when the text is empty.
  public var placeholder: String
  /// Whether the field has the focus (and so shows its cursor).
  public var isFocused: Bool

  /// Creates a text field.
  public init(state: TextFieldState, placeholder: String = "", isFocused: Bool = true) {
    self.state = state
    self.placeholder = placeholder
    self.isFocused = isFocused
  }

  /// Draws the field across the first row of `area`.
  ///
  /// - Complexity: O(length of the text).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    let style = Style(isFocused ? .inputFocused : .input)
    surface.fill(row, style: style)
    let cursorColumn = DisplayWidth.of(state.text.prefix(state.cursor))
    let shift = max(0, cursorColumn - (row.width - 1))
    surface.withClip(row) { surface in
      if state.text.isEmpty {
        surface.write(placeholder, at: row.origin, style: style.adding(.dim))
      } else {
        surface.write(state.text, at: Point(x: row.x - shift, y: row.y), style: style)
      }
      guard isFocused else { return }
      let cursor = Point(x: row.x + cursorColumn - shift, y: row.y)
      guard surface.clip.contains(cursor) else { return }
      surface.restyle(Rect(origin: cursor, size: Size(width: 1, height: 1))) { $0.adding(.reverse) }
      surface.cursor = cursor
    }
  }
}

extension TextField: Sendable {}
