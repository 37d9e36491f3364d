import Model
import Operations

/// A form drawn as a box over the view: title, fields, the last error and the keys.
enum FormOverlay {
  /// Draws `form` centred in `area`.
  static func render(_ form: FormModel, into surface: inout Surface, area: Rect) {
    let box = area.centered(Size(width: min(64, area.width), height: min(area.height, form.fields.count + 6)))
    guard !box.isEmpty else { return }
    surface.withClip(box) { surface in
      surface.fill(box, style: Style(.dialog))
      let inner = Frame(title: form.title, role: .dialogBorder, titleRole: .dialogTitle).render(
        into: &surface, area: box
      ).inset(left: 1, right: 1)
      let parts = Layout.vertical([.fill, .fixed(1), .fixed(1)], in: inner)
      FormView(fields: form.fields, focusedField: form.focused).render(into: &surface, area: parts[0])
      if let error = form.error {
        surface.write(error, at: parts[1].origin, style: Style(.statusError), maxWidth: parts[1].width)
      }
      surface.write(
        "Enter saves · Tab/↓ next field · Esc cancels", at: parts[2].origin, style: Style(.muted),
        maxWidth: parts[2].width)
    }
  }
}
