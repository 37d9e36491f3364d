/// Rows of cells under titled columns, for the text renderer.
///
/// Cells are already formatted strings; the table carries presentation only (the JSON form
/// of a result is separate, see ``CommandResult/json``). A row shorter than ``columns`` shows
/// empty cells at its end; cells beyond the last column are not shown.
public struct ResultTable: Hashable {
  /// The columns, left to right.
  public var columns: [ResultColumn]
  /// The rows, each a cell per column.
  public var rows: [[String]]

  /// Creates a table.
  public init(columns: [ResultColumn], rows: [[String]] = []) {
    self.columns = columns
    self.rows = rows
  }
}

extension ResultTable: Sendable {}
