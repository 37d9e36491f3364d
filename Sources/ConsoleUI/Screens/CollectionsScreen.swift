import Model
import Operations

/// The collections table, as on the dashboard's Collections page.
enum CollectionsScreen {
  /// Draws the table in a frame titled with the count and the filter.
  static func render(_ state: AppState, into surface: inout Surface, area: Rect) {
    let model = state.collections
    let rows = model.visible
    var title =
      model.filter.isEmpty
      ? "Collections (\(model.infos.count))" : "Collections (\(rows.count) of \(model.infos.count)) /\(model.filter)"
    if !model.isLoaded { title = "Collections (loading…)" }
    Frame(title: title, role: .borderFocused).render(into: &surface, area: area)
    table(state).render(into: &surface, area: tableArea(in: area))
  }

  /// Where the table is drawn when the screen has `area`.
  static func tableArea(in area: Rect) -> Rect { Frame.innerArea(of: area).inset(left: 1, right: 1) }

  /// The collections table for `state`.
  static func table(_ state: AppState) -> TableView {
    let model = state.collections
    let rows = model.visible
    let columns = CollectionsModel.columnTitles.enumerated().map { index, name in
      TableColumn(
        name, width: index == 0 ? .fit(minimum: 8, maximum: 40) : .fit(minimum: 4, maximum: 16),
        alignment: [2, 3, 6, 7].contains(index) ? .right : .left)
    }
    let statuses = rows.map(CollectionsModel.status)
    return TableView(
      columns: columns, rows: rows.map(CollectionsModel.cells), state: model.table,
      emptyMessage: model.isLoaded
        ? (model.filter.isEmpty
          ? "no collections yet: n creates one, or :collection create" : "no collection matches /\(model.filter)")
        : "loading…",
      cellRole: { row, column in
        guard column == 1, statuses.indices.contains(row) else { return nil }
        switch statuses[row] {
        case "green": return .statusOK
        case "red": return .statusError
        default: return .statusWarning
        }
      })
  }
}
