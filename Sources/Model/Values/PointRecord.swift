/// A stored point as returned by get and scroll (Qdrant's `Record`).
public struct PointRecord: Hashable {
  /// The point's id.
  public var id: PointID
  /// The payload, when requested.
  public var payload: JSONObject?
  /// The vector, when requested (normalized for cosine collections).
  public var vector: [Float]?

  /// Creates a record.
  public init(id: PointID, payload: JSONObject?, vector: [Float]?) {
    self.id = id
    self.payload = payload
    self.vector = vector
  }
}

extension PointRecord: Sendable {}
