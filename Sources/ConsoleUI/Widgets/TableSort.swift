/// Which column a table is sorted by, and in which direction.
public struct TableSort: Hashable {
  /// The column's index.
  public var column: Int
  /// Whether smaller values come first.
  public var ascending: Bool

  /// Creates a sort order.
  public init(column: Int, ascending: Bool = true) {
    self.column = column
    self.ascending = ascending
  }
}

extension TableSort: Sendable {}
