import Model
import Operations

/// The Console page: the scrollback of `:` commands and their results, newest at the bottom.
enum ConsoleScreen {
  /// Draws the scrollback in a frame.
  static func render(_ state: AppState, into surface: inout Surface, area: Rect) {
    let console = state.console
    let title =
      "Console · : runs a command (same as --batch) · ↑ history · Tab completes"
      + (console.isRunning ? " · running…" : "")
    let inner = Frame(title: title, role: .borderFocused).render(into: &surface, area: area).inset(left: 1, right: 1)
    guard !console.lines.isEmpty else {
      let help = [
        "No commands yet. Type : then a command, for example:",
        "  :collections",
        "  :points scroll docs --limit 5 --filter \"tenant:acme year>=2020\"",
        "  :search docs --id 42 --limit 5",
        "  :snapshot create docs",
        "  :help",
      ]
      for (row, line) in help.prefix(inner.height).enumerated() {
        surface.write(
          line, at: Point(x: inner.x, y: inner.y + row), style: Style(row == 0 ? .muted : .text), maxWidth: inner.width)
      }
      return
    }
    let end = max(0, console.lines.count - min(console.scrollBack, max(0, console.lines.count - inner.height)))
    let start = max(0, end - inner.height)
    for (row, line) in console.lines[start..<end].enumerated() {
      surface.write(line.text, at: Point(x: inner.x, y: inner.y + row), style: Style(line.role), maxWidth: inner.width)
    }
  }
}
