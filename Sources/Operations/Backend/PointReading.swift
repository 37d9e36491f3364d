public import Model

/// Reading points: by id, by page, by count, and nearest-neighbour search.
public protocol PointReading: Backend {
  /// Points by id, in the order asked; missing ids are left out.
  func retrieve(collection: String, ids: [PointID], withPayload: Bool, withVector: Bool) async throws(StoreError)
    -> [PointRecord]
  /// Counts points, optionally filtered.
  func count(collection: String, filter: Filter?) async throws(StoreError) -> Int
  /// One page of points in id order.
  func scroll(
    collection: String, filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool
  ) async throws(StoreError) -> ScrollPage
  /// Nearest-neighbour search.
  func search(collection: String, request: SearchRequest) async throws(StoreError) -> [ScoredPoint]
}
