import Operations

/// Labelled text fields, one per row, labels right-aligned in a column.
///
/// ```
///       Name  nightly
///   Start UTC 02:00
/// ```
/// The focused field shows its cursor; when the fields are more than the rows, the form
/// scrolls to keep the focused one in view.
public struct FormView: Hashable {
  /// The fields, top to bottom.
  public var fields: [FormField]
  /// The focused field, or `nil` when the form does not have the focus.
  public var focusedField: Int?
  /// Blank rows between fields.
  public var rowSpacing: Int

  /// Creates a form.
  public init(fields: [FormField], focusedField: Int? = 0, rowSpacing: Int = 0) {
    self.fields = fields
    self.focusedField = focusedField
    self.rowSpacing = rowSpacing
  }

  /// Draws the form in `area`.
  ///
  /// - Complexity: O(total length of labels and values).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty, !fields.isEmpty else { return }
    let labelWidth = min(
      fields.map { DisplayWidth.of($0.label) }.max() ?? 0, max(0, area.width / 3))
    let pitch = 1 + max(0, rowSpacing)
    let visible = max(1, (area.height + max(0, rowSpacing)) / pitch)
    let first = Scrolling.offset(
      0, keeping: focusedField, visible: visible, count: fields.count)
    surface.withClip(area) { surface in
      for (line, index) in (first..<min(fields.count, first + visible)).enumerated() {
        let field = fields[index]
        let y = area.y + line * pitch
        let label = DisplayWidth.truncated(field.label, toWidth: labelWidth)
        surface.write(
          label, at: Point(x: area.x + labelWidth - DisplayWidth.of(label), y: y),
          style: Style(.inputLabel))
        let box = Rect(
          x: area.x + labelWidth + 1, y: y, width: area.width - labelWidth - 1, height: 1)
        TextField(
          state: field.state, placeholder: field.placeholder, isFocused: index == focusedField
        )
        .render(into: &surface, area: box)
      }
    }
  }
}

extension FormView: Sendable {}
