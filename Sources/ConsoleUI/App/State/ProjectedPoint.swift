public import Model

/// One sampled point placed on the Visualize tab's plane.
public struct ProjectedPoint: Hashable {
  /// The point's id.
  public var id: PointID
  /// First principal component.
  public var x: Double
  /// Second principal component.
  public var y: Double
  /// The point's payload.
  public var payload: JSONObject

  /// Creates a projected point.
  public init(id: PointID, x: Double, y: Double, payload: JSONObject) {
    self.id = id
    self.x = x
    self.y = y
    self.payload = payload
  }
}

extension ProjectedPoint: Sendable {}
