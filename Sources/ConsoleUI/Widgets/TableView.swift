import Operations

/// A table: a header row with titles and the sort arrow, then rows, one of them selected.
///
/// Rows scroll vertically to keep the selection in view (``TableState``) and horizontally by
/// ``TableState/horizontalOffset``; cells wider than their column end in `…`, and columns past
/// the right edge are clipped. The selected row is drawn in ``ThemeRole/selection`` (or
/// ``ThemeRole/selectionInactive`` when the table does not have the focus) across the full
/// width, so it shows as a bar.
public struct TableView {
  /// The columns, left to right.
  public var columns: [TableColumn]
  /// The rows, a cell per column (missing cells are empty, extra cells ignored).
  public var rows: [[String]]
  /// The selection, scroll offsets and sort order.
  public var state: TableState
  /// Whether the table has the keyboard focus.
  public var isFocused: Bool
  /// Shown in the body when there are no rows.
  public var emptyMessage: String
  /// Blank columns between two columns.
  public var columnSpacing: Int
  /// The role of a cell that is not selected, when not ``ThemeRole/text`` (a status column).
  public var cellRole: (@Sendable (_ row: Int, _ column: Int) -> ThemeRole?)?

  /// Creates a table view.
  public init(
    columns: [TableColumn], rows: [[String]], state: TableState = TableState(),
    isFocused: Bool = true, emptyMessage: String = "no rows", columnSpacing: Int = 2,
    cellRole: (@Sendable (_ row: Int, _ column: Int) -> ThemeRole?)? = nil
  ) {
    self.columns = columns
    self.rows = rows
    self.state = state
    self.isFocused = isFocused
    self.emptyMessage = emptyMessage
    self.columnSpacing = columnSpacing
    self.cellRole = cellRole
  }

  /// Draws the table in `area`: the header in its first row, the rows below.
  ///
  /// - Complexity: O(rows × columns) to size the columns, plus O(area) to draw.
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    surface.withClip(area) { surface in
      let widths = columnWidths(available: area.width)
      let starts = columnStarts(widths)
      let totalWidth = (starts.last ?? 0) + (widths.last ?? 0)
      let shift = min(max(0, state.horizontalOffset), max(0, totalWidth - area.width))
      let left = area.x - shift

      // Header.
      surface.fill(area.row(0), style: Style(.tableHeader))
      for (index, column) in columns.enumerated() where widths[index] > 0 {
        let x = left + starts[index]
        let sorted = state.sort?.column == index
        let room = sorted ? max(0, widths[index] - 2) : widths[index]
        let title = DisplayWidth.truncated(column.title, toWidth: room)
        let used = DisplayWidth.of(title) + (sorted ? 2 : 0)
        let start = column.alignment == .right ? x + widths[index] - used : x
        let end = surface.write(title, at: Point(x: start, y: area.y), style: Style(.tableHeader))
        if sorted, let sort = state.sort {
          surface.write(
            sort.ascending ? " ▲" : " ▼", at: Point(x: end, y: area.y), style: Style(.sortIndicator)
          )
        }
      }

      // Body.
      let body = area.inset(top: 1)
      guard !body.isEmpty else { return }
      guard !rows.isEmpty else {
        surface.write(
          emptyMessage, at: Point(x: area.x + 1, y: body.y), style: Style(.muted),
          maxWidth: area.width - 1)
        return
      }
      let offset = firstShownRow(area: area)
      let selectionRole: ThemeRole = isFocused ? .selection : .selectionInactive
      for line in 0..<min(body.height, rows.count - offset) {
        let rowIndex = offset + line
        let y = body.y + line
        let selected = rowIndex == state.selectedRow
        if selected { surface.fill(body.row(line), style: Style(selectionRole)) }
        let cells = rows[rowIndex]
        for (index, column) in columns.enumerated() where widths[index] > 0 && index < cells.count {
          let role = selected ? selectionRole : (cellRole?(rowIndex, index) ?? .text)
          let text = DisplayWidth.truncated(cells[index], toWidth: widths[index])
          let x = left + starts[index]
          let start = column.alignment == .right ? x + widths[index] - DisplayWidth.of(text) : x
          surface.write(text, at: Point(x: start, y: y), style: Style(role))
        }
      }
    }
  }

  /// The width of each column when the table has `available` columns of space.
  ///
  /// Fixed and fitted columns get their width first; fill columns share what is left (at
  /// least 4 each), so a narrow terminal scrolls horizontally rather than squeezing columns
  /// to nothing.
  ///
  /// - Complexity: O(rows × columns).
  public func columnWidths(available: Int) -> [Int] {
    var widths = columns.enumerated().map { index, column -> Int in
      switch column.width {
      case .fixed(let width): return max(0, width)
      case .fit(let minimum, let maximum):
        var widest = DisplayWidth.of(column.title) + (state.sort?.column == index ? 2 : 0)
        for row in rows where index < row.count {
          widest = max(widest, DisplayWidth.of(row[index]))
        }
        return min(max(widest, minimum), max(minimum, maximum))
      case .fill: return 0
      }
    }
    let fillIndexes = columns.indices.filter { columns[$0].width == .fill }
    if !fillIndexes.isEmpty {
      let spacing = max(0, columns.count - 1) * columnSpacing
      let remaining = available - widths.reduce(0, +) - spacing
      let share = max(4, remaining / fillIndexes.count)
      var extra = max(0, remaining - share * fillIndexes.count)
      for index in fillIndexes {
        widths[index] = share + (extra > 0 ? 1 : 0)
        extra = max(0, extra - 1)
      }
    }
    return widths
  }

  /// The row under `point` when the table is drawn in `area`, for mouse clicks.
  public func row(at point: Point, area: Rect) -> Int? {
    let body = area.inset(top: 1)
    guard body.contains(point) else { return nil }
    let row = firstShownRow(area: area) + point.y - body.y
    return row < rows.count ? row : nil
  }

  /// The index of the first row shown when the table is drawn in `area`.
  ///
  /// A click that selects a row stores this as ``TableState/scrollOffset``, so the rows stay
  /// where they were under the pointer.
  public func firstShownRow(area: Rect) -> Int {
    Scrolling.offset(
      state.scrollOffset, keeping: state.selectedRow, visible: max(0, area.height - 1), count: rows.count)
  }

  /// The column whose header title is under `point` when the table is drawn in `area`, for
  /// clicks that sort; `nil` off the header row and in the gaps between columns.
  ///
  /// - Complexity: O(rows × columns), to size the columns as drawing does.
  public func column(at point: Point, area: Rect) -> Int? {
    guard !area.isEmpty, area.row(0).contains(point) else { return nil }
    let widths = columnWidths(available: area.width)
    let starts = columnStarts(widths)
    let totalWidth = (starts.last ?? 0) + (widths.last ?? 0)
    let shift = min(max(0, state.horizontalOffset), max(0, totalWidth - area.width))
    let x = point.x - area.x + shift
    return widths.indices.first { widths[$0] > 0 && (starts[$0]..<(starts[$0] + widths[$0])).contains(x) }
  }

  /// The number of body rows shown when the table is drawn in `area` (for page moves).
  public static func visibleRowCount(in area: Rect) -> Int { max(0, area.height - 1) }

  private func columnStarts(_ widths: [Int]) -> [Int] {
    var starts: [Int] = []
    var x = 0
    for width in widths {
      starts.append(x)
      x += width + columnSpacing
    }
    return starts
  }
}

extension TableView: Sendable {}
