public import Model

/// Maintenance only a local store offers: sealing, merging, index threads, setting a damaged
/// log aside.
public protocol MaintenanceWriting: Backend {
  /// Seals unsealed points into segment files.
  func flush(_ collection: String) async throws(StoreError)
  /// Merges a collection's segments and rebuilds its index.
  func optimize(_ collection: String) async throws(StoreError)
  /// Sets how many threads build a collection's index.
  func setIndexThreads(_ collection: String, threads: Int) async throws(StoreError)
  /// Moves the damaged part of a collection's write-ahead log aside (kept, not deleted) so
  /// it opens with the intact records; returns the files moved aside.
  func setAsideDamagedLog(_ collection: String) async throws(StoreError) -> [String]
}
