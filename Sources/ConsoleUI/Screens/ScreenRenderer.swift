import Model
import Operations

/// Draws the whole console for a state: `render(state, size, theme) -> Surface`, a pure
/// function, so a screen looks the same in a golden file as on the terminal.
public enum ScreenRenderer {
  /// Below this size the console shows "terminal too small" instead of a screen.
  public static let minimumSize = Size(width: 60, height: 16)

  /// The frame for `state` at `size`.
  ///
  /// The theme only names itself here (help shows it): cells carry roles, and the terminal
  /// resolves them to colours when it flushes.
  ///
  /// - Complexity: O(width × height) plus the rows of the view shown.
  public static func render(_ state: AppState, size: Size, theme: Theme) -> Surface {
    var surface = Surface(size: size)
    guard size.contains(minimumSize) else {
      TooSmallMessage(required: minimumSize, actual: size).render(into: &surface, area: surface.bounds)
      return surface
    }
    let layout = ChromeLayout(size: size)
    Chrome.renderHeader(state, into: &surface, area: layout.header)
    Chrome.renderMenu(state, into: &surface, area: layout.menu)
    Breadcrumbs(Chrome.crumbs(state)).render(into: &surface, area: layout.breadcrumbs.inset(left: 1))
    switch state.route {
    case .collections: CollectionsScreen.render(state, into: &surface, area: layout.body)
    case .collection: CollectionScreen.render(state, into: &surface, area: layout.body)
    case .backups: BackupsScreen.render(state, into: &surface, area: layout.body)
    case .console: ConsoleScreen.render(state, into: &surface, area: layout.body)
    case .help: HelpScreen.render(state, themeName: theme.name, into: &surface, area: layout.body)
    }
    Chrome.renderStatus(state, into: &surface, area: layout.status)
    Chrome.renderFooter(state, into: &surface, area: layout.footer)
    if let form = state.form { FormOverlay.render(form, into: &surface, area: layout.body) }
    if let editor = state.payloadEditor { PayloadEditorOverlay.render(editor, into: &surface, area: layout.body) }
    if let picker = state.columnPicker { ColumnPickerOverlay.render(picker, into: &surface, area: layout.body) }
    if let dialog = state.dialog {
      dialog.dialog.render(into: &surface, area: layout.body, state: dialog.state)
    }
    surface.checkInvariants()
    return surface
  }
}
