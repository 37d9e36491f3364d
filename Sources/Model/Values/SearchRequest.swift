/// A nearest-neighbour query (Qdrant's query request, dense vectors only).
public struct SearchRequest: Hashable {
  /// What to search near.
  public enum Query: Hashable, Sendable {
    /// Near this vector.
    case vector([Float])
    /// Near the stored vector of this point (the point itself is excluded from the results).
    case point(PointID)
  }

  /// What to search near.
  public var query: Query
  /// Only points matching this filter.
  public var filter: Filter?
  /// How many hits to return.
  public var limit: Int
  /// Whether to scan every point instead of using the index (the recall oracle).
  public var exact: Bool
  /// The search candidate list size, overriding the collection's default.
  public var ef: Int?
  /// Whether hits carry payloads.
  public var withPayload: Bool
  /// Whether hits carry vectors.
  public var withVector: Bool

  /// Creates a request.
  public init(
    query: Query, filter: Filter? = nil, limit: Int = 10, exact: Bool = false, ef: Int? = nil,
    withPayload: Bool = true, withVector: Bool = false
  ) {
    self.query = query
    self.filter = filter
    self.limit = limit
    self.exact = exact
    self.ef = ef
    self.withPayload = withPayload
    self.withVector = withVector
  }

  /// Checks the numeric knobs against ``RequestLimits``.
  ///
  /// - Throws: ``StoreError`` `invalidInput` naming `limit` or `ef` and its range.
  public func validate() throws(StoreError) {
    try RequestLimits.check(limit, in: RequestLimits.searchLimit, "limit")
    if let ef { try RequestLimits.check(ef, in: RequestLimits.ef, "ef") }
  }
}

extension SearchRequest: Sendable {}
