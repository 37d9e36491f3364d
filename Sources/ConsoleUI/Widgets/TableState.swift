/// What a table remembers between frames: the selected row and how far it is scrolled.
///
/// The reducer changes it with the `move…` methods; ``TableView`` draws from it and keeps the
/// selection visible whatever the offsets say.
public struct TableState: Hashable {
  /// The selected row, or `nil` when the table is empty.
  public var selectedRow: Int?
  /// The first row shown.
  public var scrollOffset: Int
  /// How many columns the rows are scrolled to the left.
  public var horizontalOffset: Int
  /// The sort order shown in the header, or `nil`.
  public var sort: TableSort?

  /// Creates a state; by default the first row is selected and nothing is scrolled.
  public init(
    selectedRow: Int? = 0, scrollOffset: Int = 0, horizontalOffset: Int = 0, sort: TableSort? = nil
  ) {
    self.selectedRow = selectedRow
    self.scrollOffset = scrollOffset
    self.horizontalOffset = horizontalOffset
    self.sort = sort
  }

  /// Moves the selection by `delta` rows, stopping at the first and last row.
  public mutating func moveSelection(by delta: Int, rowCount: Int) {
    guard rowCount > 0 else {
      selectedRow = nil
      return
    }
    select((selectedRow ?? 0) + delta, rowCount: rowCount)
  }

  /// Selects `row`, clamped to the rows there are.
  public mutating func select(_ row: Int, rowCount: Int) {
    selectedRow = rowCount > 0 ? min(max(0, row), rowCount - 1) : nil
  }

  /// Sets ``scrollOffset`` to what ``TableView`` shows for a body of `visibleRows` rows: the
  /// selection kept in view, and no space wasted below the last row.
  public mutating func scrollToSelection(visibleRows: Int, rowCount: Int) {
    scrollOffset = Scrolling.offset(
      scrollOffset, keeping: selectedRow, visible: visibleRows, count: rowCount)
  }
}

extension TableState: Sendable {}
