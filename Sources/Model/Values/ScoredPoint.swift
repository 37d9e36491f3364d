/// A search hit: a point and its score (Qdrant's `ScoredPoint`).
///
/// For `cosine` and `dot` a higher score is closer; for `euclid` the score is the Euclidean
/// distance and lower is closer, as in Qdrant.
public struct ScoredPoint: Hashable {
  /// The point's id.
  public var id: PointID
  /// The similarity or distance, by the collection's metric.
  public var score: Float
  /// The payload, when requested.
  public var payload: JSONObject?
  /// The vector, when requested.
  public var vector: [Float]?

  /// Creates a hit.
  public init(id: PointID, score: Float, payload: JSONObject? = nil, vector: [Float]? = nil) {
    self.id = id
    self.score = score
    self.payload = payload
    self.vector = vector
  }
}

extension ScoredPoint: Sendable {}
