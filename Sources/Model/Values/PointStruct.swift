/// A point to upsert: id, vector and payload (Qdrant's `PointStruct`).
public struct PointStruct: Hashable {
  /// The point's id.
  public var id: PointID
  /// The dense vector; its length must equal the collection's dimension.
  public var vector: [Float]
  /// The JSON payload (an object, possibly empty).
  public var payload: JSONObject

  /// Creates a point.
  public init(id: PointID, vector: [Float], payload: JSONObject = JSONObject()) {
    self.id = id
    self.vector = vector
    self.payload = payload
  }
}

extension PointStruct: Sendable {}
