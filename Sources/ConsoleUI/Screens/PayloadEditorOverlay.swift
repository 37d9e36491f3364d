import Model

/// The inline payload editor drawn over the view: the text, the last error, and the keys.
enum PayloadEditorOverlay {
  /// Draws `model` over `area`.
  static func render(_ model: PayloadEditorModel, into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    surface.withClip(area) { surface in
      surface.fill(area, style: Style(.background))
      let inner = Frame(title: "Edit payload of \(model.id) (JSON)", role: .borderFocused)
        .render(into: &surface, area: area).inset(left: 1, right: 1)
      let parts = Layout.vertical([.fill, .fixed(1), .fixed(1)], in: inner)
      TextEditorView(state: model.editor).render(into: &surface, area: parts[0])
      if let error = model.error {
        surface.write("✗ " + error, at: parts[1].origin, style: Style(.statusError), maxWidth: parts[1].width)
      }
      surface.write(
        "line \(model.editor.line + 1), column \(model.editor.column + 1) · Ctrl-S checks and saves · Esc discards",
        at: parts[2].origin, style: Style(.muted), maxWidth: parts[2].width)
    }
  }
}
