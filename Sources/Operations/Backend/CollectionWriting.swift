public import Model

/// Creating and dropping collections, aliases and payload indexes.
public protocol CollectionWriting: Backend {
  /// Creates a collection.
  func createCollection(_ name: String, config: CollectionConfig) async throws(StoreError)
  /// Deletes a collection and its aliases.
  func dropCollection(_ name: String) async throws(StoreError)
  /// Points an alias at a collection.
  func createAlias(_ alias: String, collection: String) async throws(StoreError)
  /// Removes an alias.
  func dropAlias(_ alias: String) async throws(StoreError)
  /// Creates a payload index.
  func createPayloadIndex(collection: String, field: String, type: PayloadIndexType) async throws(StoreError)
}
