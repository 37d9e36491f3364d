public import Model

/// Changing points and their payloads; every change is durable when the call returns.
public protocol PointWriting: Backend {
  /// Inserts or replaces points.
  func upsert(collection: String, points: [PointStruct]) async throws(StoreError) -> UpdateResult
  /// Deletes points.
  func delete(collection: String, selector: PointSelector) async throws(StoreError) -> UpdateResult
  /// Merges keys into payloads.
  func setPayload(collection: String, payload: JSONObject, selector: PointSelector) async throws(StoreError)
    -> UpdateResult
  /// Replaces payloads.
  func overwritePayload(collection: String, payload: JSONObject, selector: PointSelector) async throws(StoreError)
    -> UpdateResult
  /// Removes payload keys.
  func deletePayloadKeys(collection: String, keys: [String], selector: PointSelector) async throws(StoreError)
    -> UpdateResult
}
