import Testing
import VectorEngine

@testable import ConsoleUI

/// Every widget drawn at every size from 0×0 to 40×12: no crash, no split wide character, and
/// nothing drawn outside the area it was given.
struct WidgetSizeSweepTests {
  typealias Draw = @Sendable (inout Surface, Rect) -> Void

  static let widgets: [(String, Draw)] = [
    ("frame", { Frame(title: "Collections 漢字 🚀").render(into: &$0, area: $1) }),
    (
      "table",
      {
        TableView(
          columns: TableViewTests.columns, rows: TableViewTests.rows,
          state: TableState(selectedRow: 3, horizontalOffset: 3, sort: TableSort(column: 0))
        ).render(into: &$0, area: $1)
      }
    ),
    (
      "empty table",
      { TableView(columns: TableViewTests.columns, rows: []).render(into: &$0, area: $1) }
    ),
    (
      "tabs",
      {
        TabBar(titles: ["Points", "Info", "検索品質", "Snapshots"], selected: 2).render(
          into: &$0, area: $1)
      }
    ),
    (
      "breadcrumbs",
      { Breadcrumbs(["Collections", "漢字コレクション", "Points"]).render(into: &$0, area: $1) }
    ),
    (
      "footer", { FooterHints(Keymap.standard.footerHints(for: .list)).render(into: &$0, area: $1) }
    ),
    (
      "too small",
      {
        TooSmallMessage(required: Size(width: 80, height: 24), actual: $1.size).render(
          into: &$0, area: $1)
      }
    ),
    ("progress", { ProgressBar.percent(0.42).render(into: &$0, area: $1) }),
    (
      "sparkline",
      { Sparkline(values: (0..<60).map { Double($0 % 7) }).render(into: &$0, area: $1) }
    ),
    (
      "braille",
      { surface, area in
        var canvas = BrailleCanvas(size: area.size)
        canvas.line(
          from: .zero, to: Point(x: canvas.dotWidth - 1, y: canvas.dotHeight - 1), role: .chart3)
        canvas.render(into: &surface, at: area.origin)
      }
    ),
    (
      "text field",
      { TextField(state: TextFieldState("漢字 and 🚀 text")).render(into: &$0, area: $1) }
    ),
    (
      "form",
      {
        FormView(
          fields: [
            FormField("名前", state: TextFieldState("nightly 🚀")),
            FormField("Start", placeholder: "02:00"),
          ],
          focusedField: 1
        ).render(into: &$0, area: $1)
      }
    ),
    (
      "dialog",
      { surface, area in
        let dialog = DialogTests.dropDialog
        var state = dialog.initialState()
        state.field.insert("docs")
        dialog.render(into: &surface, area: area, state: state)
      }
    ),
    (
      "json",
      {
        JSONTreeView(value: JSONTreeViewTests.point, state: JSONTreeState(selectedLine: 11)).render(
          into: &$0, area: $1)
      }
    ),
  ]

  static let sizes: [Size] = (0...40).flatMap { width in
    (0...12).map { Size(width: width, height: $0) }
  }

  @Test(arguments: 0..<widgets.count)
  func everySizeDrawsInsideItsArea(index: Int) {
    let (name, draw) = Self.widgets[index]
    for size in Self.sizes {
      // A margin of two cells around the area, filled with a marker, must stay untouched.
      var surface = Surface(size: Size(width: size.width + 4, height: size.height + 4))
      surface.fill(surface.bounds, with: "~", style: Style(.muted))
      let area = Rect(origin: Point(x: 2, y: 2), size: size)
      surface.withClip(area) { surface in
        surface.fill(area, style: .background)
      }
      draw(&surface, area)
      surface.checkInvariants()
      var outside = 0
      for y in 0..<surface.size.height {
        for x in 0..<surface.size.width where !area.contains(Point(x: x, y: y)) {
          let cell = surface[x, y]
          if cell.grapheme != "~" || cell.style != Style(.muted) { outside += 1 }
        }
      }
      #expect(outside == 0, "\(name) drew \(outside) cells outside its \(size) area")
      if outside > 0 { return }
    }
  }
}
