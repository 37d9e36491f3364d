import Model
import Operations

/// Help: every key of the effective keymap by context, generated from the keymap itself.
enum HelpScreen {
  /// The help lines: section titles and key rows.
  static func lines(_ state: AppState, themeName: String) -> [(keys: String, text: String, role: ThemeRole)] {
    var sections: [HelpSection] = []
    // Each context's own keys, as they act there (Enter opens in a list, folds in JSON).
    for context in [KeyContext.list, .json, .picker, .editor, .dialog, .prompt] {
      for section in state.keymap.helpSections(for: context)
      where !sections.contains(where: { $0.context == section.context }) {
        sections.append(section)
      }
    }
    let order: [KeyContext] = [.global, .list, .json, .picker, .editor, .prompt, .textInput, .dialog]
    sections.sort { (order.firstIndex(of: $0.context) ?? 0) < (order.firstIndex(of: $1.context) ?? 0) }
    var lines: [(keys: String, text: String, role: ThemeRole)] = []
    lines.append(
      (
        "",
        "theme \(themeName) · data \(state.location)" + (state.isReadOnly ? " · read-only: writing keys are off" : ""),
        .muted
      ))
    for section in sections {
      lines.append(("", "", .text))
      lines.append(("", section.title, .title))
      for row in section.rows { lines.append((row.keys, row.action.summary, .text)) }
    }
    return lines
  }

  /// Draws help from its scroll position.
  static func render(_ state: AppState, themeName: String, into surface: inout Surface, area: Rect) {
    let inner = Frame(title: "Help · keys (Esc returns)", role: .borderFocused).render(into: &surface, area: area)
      .inset(left: 1, right: 1)
    let all = lines(state, themeName: themeName)
    let first = min(state.helpScroll, max(0, all.count - inner.height))
    for (row, line) in all.dropFirst(first).prefix(inner.height).enumerated() {
      let y = inner.y + row
      if line.keys.isEmpty {
        surface.write(line.text, at: Point(x: inner.x, y: y), style: Style(line.role), maxWidth: inner.width)
      } else {
        surface.write(line.keys, at: Point(x: inner.x + 2, y: y), style: Style(.keyHint), maxWidth: 18)
        surface.write(
          line.text, at: Point(x: inner.x + 22, y: y), style: Style(.keyHintText), maxWidth: max(0, inner.width - 22))
      }
    }
  }
}
