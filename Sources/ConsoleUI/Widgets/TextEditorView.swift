import Operations

/// A multi-line text editor: line numbers in a gutter, the text, and the cursor drawn
/// reversed.
///
/// Lines scroll vertically to keep the cursor's line in view; a line wider than the area is
/// shifted left so the cursor stays visible.
public struct TextEditorView {
  /// The text and cursor.
  public var state: TextEditorState
  /// Whether the editor has the keyboard focus (the cursor is drawn only then).
  public var isFocused: Bool

  /// Creates a view.
  public init(state: TextEditorState, isFocused: Bool = true) {
    self.state = state
    self.isFocused = isFocused
  }

  /// Draws the editor in `area`.
  ///
  /// - Complexity: O(area) plus the length of the lines shown.
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    surface.withClip(area) { surface in
      let gutter = min(area.width / 2, String(state.lines.count).count + 1)
      let textWidth = max(1, area.width - gutter - 1)
      let first = Scrolling.offset(
        state.scrollOffset, keeping: state.line, visible: area.height, count: state.lines.count)
      for row in 0..<min(area.height, state.lines.count - first) {
        let number = first + row
        let y = area.y + row
        let label = String(number + 1)
        surface.write(
          String(repeating: " ", count: max(0, gutter - label.count)) + label, at: Point(x: area.x, y: y),
          style: Style(.muted))
        let characters = Array(state.lines[number])
        let isCursorLine = number == state.line
        // Shift a long line left just enough to show the cursor.
        var start = 0
        if isCursorLine {
          while DisplayWidth.of(String(characters[start..<state.column])) >= textWidth { start += 1 }
        }
        var x = area.x + gutter + 1
        for (offset, character) in characters.enumerated().dropFirst(start) {
          let width = DisplayWidth.of(String(character))
          guard x + width <= area.maxX else { break }
          let cursorHere = isFocused && isCursorLine && offset == state.column
          surface.write(
            String(character), at: Point(x: x, y: y), style: cursorHere ? Style(.text).adding(.reverse) : Style(.text))
          x += width
        }
        if isFocused && isCursorLine && state.column >= characters.count && x < area.maxX {
          surface.write(" ", at: Point(x: x, y: y), style: Style(.text).adding(.reverse))
        }
      }
    }
  }
}

extension TextEditorView: Sendable {}
