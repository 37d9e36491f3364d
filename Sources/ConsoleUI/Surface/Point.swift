/// A cell position: column `x` from the left, row `y` from the top, both 0-based.
public struct Point: Hashable {
  /// The column, 0 at the left edge.
  public var x: Int
  /// The row, 0 at the top edge.
  public var y: Int

  /// Creates a position.
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  /// The top-left cell.
  public static let zero = Point(x: 0, y: 0)
}

extension Point: CustomStringConvertible {
  /// `(x,y)`.
  public var description: String { "(\(x),\(y))" }
}

extension Point: Sendable {}
