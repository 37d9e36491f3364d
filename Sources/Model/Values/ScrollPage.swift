/// One page of points in id order (Qdrant's scroll result).
public struct ScrollPage: Hashable {
  /// The points of this page.
  public var points: [PointRecord]
  /// The id of the first point of the next page (pass it as the next `offset`), if any.
  public var nextPageOffset: PointID?

  /// Creates a page.
  public init(points: [PointRecord], nextPageOffset: PointID?) {
    self.points = points
    self.nextPageOffset = nextPageOffset
  }
}

extension ScrollPage: Sendable {}
