import Operations

/// The payload column picker drawn as a box over the view: one check box per key.
enum ColumnPickerOverlay {
  /// Draws `picker` centred in `area`.
  static func render(_ picker: ColumnPickerModel, into surface: inout Surface, area: Rect) {
    let rows = max(1, picker.keys.count)
    let box = area.centered(Size(width: min(48, area.width), height: min(area.height, rows + 4)))
    guard !box.isEmpty else { return }
    surface.withClip(box) { surface in
      surface.fill(box, style: Style(.dialog))
      let inner = Frame(title: "Payload columns", role: .dialogBorder, titleRole: .dialogTitle)
        .render(into: &surface, area: box).inset(left: 1, right: 1)
      let parts = Layout.vertical([.fill, .fixed(1)], in: inner)
      let list = parts[0]
      if picker.keys.isEmpty {
        surface.write(
          "no payload keys in the loaded points", at: list.origin, style: Style(.muted), maxWidth: list.width)
      }
      let first = Scrolling.offset(0, keeping: picker.selected, visible: list.height, count: picker.keys.count)
      for (line, key) in picker.keys.dropFirst(first).prefix(list.height).enumerated() {
        let index = first + line
        let position = picker.chosen.firstIndex(of: key)
        let mark = position.map { "[\($0 + 1)]" } ?? "[ ]"
        let role: ThemeRole = index == picker.selected ? .selection : .dialog
        let row = list.row(line)
        if index == picker.selected { surface.fill(row, style: Style(role)) }
        surface.write("\(mark) \(key)", at: row.origin, style: Style(role), maxWidth: row.width)
      }
      surface.write(
        "Space ticks · Enter applies · Esc cancels", at: parts[1].origin, style: Style(.muted), maxWidth: parts[1].width
      )
    }
  }
}
