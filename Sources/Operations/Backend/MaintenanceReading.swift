public import Model

/// Checks only a local store can make: every checksum, and index quality against exact search.
public protocol MaintenanceReading: Backend {
  /// Checks every checksum of a collection's files.
  func verify(_ collection: String) async throws(StoreError)
  /// Compares index search with exact search on sampled points.
  func measureQuality(
    _ collection: String, sample: Int, limit: Int, ef: Int?, progress: (@Sendable (Int, Int) -> Void)?
  ) async throws(StoreError) -> QualityReport
}
