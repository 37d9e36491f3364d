import Operations
import Testing

@testable import ConsoleUI

struct TableViewTests {
  static let columns = [
    TableColumn("NAME", width: .fill),
    TableColumn("STATUS", width: .fit(minimum: 6, maximum: 10)),
    TableColumn("POINTS", width: .fit(minimum: 6, maximum: 12), alignment: .right),
  ]
  static let rows = [
    ["docs_v1", "green", "12034"],
    ["漢字コレクション_multilingual", "yellow", "7"],
    ["emoji 🚀 set", "green", "512"],
    ["café-naïve", "red", "0"],
  ]

  private func render(_ table: TableView, size: Size) -> Surface {
    var surface = Surface(size: size)
    table.render(into: &surface, area: surface.bounds)
    surface.checkInvariants()
    return surface
  }

  @Test func goldenCollectionsTable() {
    let table = TableView(
      columns: Self.columns, rows: Self.rows,
      state: TableState(selectedRow: 1, sort: TableSort(column: 2, ascending: false)),
      cellRole: { _, column in column == 1 ? .statusOK : nil })
    Golden.check(
      Golden.document(render(table, size: Size(width: 44, height: 6))), named: "table-44x6")
  }

  @Test func theSelectedRowIsABarAcrossTheWidth() {
    let table = TableView(columns: Self.columns, rows: Self.rows, state: TableState(selectedRow: 2))
    let surface = render(table, size: Size(width: 40, height: 5))
    let roles = surface.styleLines { $0.role == .selection ? "#" : "." }
    #expect(roles[3] == String(repeating: "#", count: 40))
    #expect(roles[2].allSatisfy { $0 == "." })
    let unfocused = TableView(
      columns: Self.columns, rows: Self.rows, state: TableState(selectedRow: 2), isFocused: false)
    #expect(
      render(unfocused, size: Size(width: 40, height: 5))[0, 3].style.role == .selectionInactive)
  }

  @Test func cjkCellsAreCutByColumnsAndStayAligned() {
    let table = TableView(
      columns: Self.columns, rows: Self.rows, state: TableState(selectedRow: nil))
    let widths = table.columnWidths(available: 40)
    #expect(widths == [24, 6, 6])
    let surface = render(table, size: Size(width: 40, height: 5))
    let statusX = widths[0] + 2
    for (index, row) in Self.rows.enumerated() {
      #expect(surface[statusX, index + 1].grapheme == row[1].first, "row \(index)")
      #expect(surface.lines[index + 1].hasSuffix(row[2]))
    }
    #expect(surface.lines[2].hasPrefix("漢字コレクション_multil…"))
    #expect(DisplayWidth.of("漢字コレクション_multil…") == 24)
  }

  @Test func scrollingKeepsTheSelectionInView() {
    let rows = (0..<50).map { ["row \($0)", "ok", "\($0)"] }
    let table = TableView(
      columns: Self.columns, rows: rows, state: TableState(selectedRow: 30, scrollOffset: 0))
    let lines = render(table, size: Size(width: 30, height: 6)).lines
    #expect(lines[5].hasPrefix("row 30"))
    #expect(lines[1].hasPrefix("row 26"))
    var state = TableState(selectedRow: 30, scrollOffset: 0)
    state.scrollToSelection(visibleRows: 5, rowCount: 50)
    #expect(state.scrollOffset == 26)
    state.moveSelection(by: 100, rowCount: 50)
    #expect(state.selectedRow == 49)
    state.moveSelection(by: -100, rowCount: 50)
    #expect(state.selectedRow == 0)
  }

  @Test func mouseRowHitTesting() {
    let rows = (0..<50).map { ["row \($0)", "ok", "\($0)"] }
    let table = TableView(columns: Self.columns, rows: rows, state: TableState(selectedRow: 30))
    let area = Rect(x: 0, y: 2, width: 30, height: 6)
    #expect(table.row(at: Point(x: 3, y: 3), area: area) == 26)
    #expect(table.row(at: Point(x: 3, y: 2), area: area) == nil)  // header
    #expect(table.row(at: Point(x: 3, y: 9), area: area) == nil)
  }

  @Test func horizontalScrollShiftsEveryRow() {
    let columns = [TableColumn("A", width: .fixed(10)), TableColumn("B", width: .fixed(10))]
    let table = TableView(
      columns: columns, rows: [["left", "right"]],
      state: TableState(selectedRow: nil, horizontalOffset: 12))
    let lines = render(table, size: Size(width: 8, height: 2)).lines
    #expect(lines == ["B", "right"])
  }

  @Test func anEmptyTableSaysSo() {
    let table = TableView(columns: Self.columns, rows: [], emptyMessage: "no collections yet")
    let surface = render(table, size: Size(width: 30, height: 3))
    #expect(surface.lines[1] == " no collections yet")
    #expect(surface[1, 1].style.role == .muted)
  }
}
