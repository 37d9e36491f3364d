import Operations
import Model

/// The Points tab: the filter bar, the points table and the selected payload as JSON.
enum PointsTab {
  /// Draws the tab in `area`.
  static func render(_ page: CollectionPageModel, state: AppState, into surface: inout Surface, area: Rect) {
    let points = page.points
    let parts = areas(in: area)
    renderFilterBar(points, into: &surface, area: parts.filter)
    table(points, columns: state.payloadColumns(of: page.name)).render(into: &surface, area: parts.table)
    renderPayload(points, into: &surface, area: parts.payload)
  }

  /// Where the filter bar, the table and the payload are drawn when the tab has `area`: the
  /// payload beside the table from 100 columns, below it when narrower.
  static func areas(in area: Rect) -> (filter: Rect, table: Rect, payload: Rect) {
    let parts = Layout.vertical([.fixed(1), .fill], in: area)
    let wide = parts[1].width >= 100
    let split =
      wide
      ? Layout.horizontal([.fill(weight: 3), .fixed(1), .fill(weight: 2)], in: parts[1])
      : Layout.vertical([.fill(weight: 3), .fixed(0), .fill(weight: 2)], in: parts[1])
    return (parts[0], split[0], split[2])
  }

  /// The table of the loaded points: id, score when listing similar points, payload columns.
  static func table(_ points: PointsModel, columns keys: [String]) -> TableView {
    let similar = points.similarTo != nil
    var columns = [TableColumn("ID", width: .fit(minimum: 2, maximum: 36), alignment: .right)]
    if similar { columns.append(TableColumn("SCORE", width: .fit(minimum: 5, maximum: 8), alignment: .right)) }
    columns += keys.map { TableColumn($0.uppercased(), width: .fit(minimum: 4, maximum: 28)) }
    let rows = points.records.map { record -> [String] in
      var row = [record.id.description]
      if similar { row.append(points.scores[record.id].map(ResultFormatting.score) ?? "") }
      row += keys.map { key in record.payload?[key].map(ResultFormatting.cell) ?? "" }
      return row
    }
    let empty = points.isLoaded ? (points.filterText.isEmpty ? "no points" : "no point matches the filter") : "loading…"
    return TableView(
      columns: columns, rows: rows, state: points.table, isFocused: !points.isJSONFocused, emptyMessage: empty)
  }

  /// `filter: tenant:acme · 50 of 1,204 loaded · PgDn loads more`.
  static func renderFilterBar(_ points: PointsModel, into surface: inout Surface, area: Rect) {
    var x = surface.write("filter ", at: area.origin, style: Style(.muted))
    if let id = points.similarTo {
      x = surface.write("similar to \(id)", at: Point(x: x, y: area.y), style: Style(.filter))
      if !points.filterText.isEmpty {
        x = surface.write(" within " + points.filterText, at: Point(x: x, y: area.y), style: Style(.filter))
      }
    } else if points.filterText.isEmpty {
      x = surface.write("none (/ to filter)", at: Point(x: x, y: area.y), style: Style(.muted))
    } else {
      x = surface.write(
        points.filterText, at: Point(x: x, y: area.y), style: Style(.filter), maxWidth: max(10, area.width / 2))
    }
    var counts = "  ·  \(Quantity.count(points.records.count))"
    if let total = points.total, points.similarTo == nil { counts += " of \(Quantity.count(total))" }
    counts += points.similarTo == nil ? " loaded" : " shown"
    if points.nextOffset != nil, points.similarTo == nil { counts += " · more below" }
    if points.isLoading { counts += " · loading…" }
    surface.write(counts, at: Point(x: x, y: area.y), style: Style(.muted), maxWidth: area.maxX - x)
  }

  /// The selected point's payload as a JSON tree, in a frame titled with its id.
  static func renderPayload(_ points: PointsModel, into surface: inout Surface, area: Rect) {
    guard let record = points.selected else {
      Frame(title: "Payload").render(into: &surface, area: area)
      return
    }
    let inner = Frame(title: "Payload of \(record.id)", role: points.isJSONFocused ? .borderFocused : .border)
      .render(into: &surface, area: area)
    JSONTreeView(value: .object(record.payload ?? JSONObject()), state: points.json, isFocused: points.isJSONFocused)
      .render(into: &surface, area: inner.inset(left: 1))
  }
}
