import Model
import VectorEngine

/// Where a process chooses its backend: the one place that names a concrete one.
///
/// Two kinds: the embedded engine over a data directory, and a Qdrant endpoint over REST
/// (a Qdrant cluster, Qdrant Cloud or `ragops serve`).
public enum BackendChoice {
  /// Opens the data directory `directory` with the embedded engine (taking its lock unless
  /// `readOnly`).
  ///
  /// - Throws: ``StoreError`` when the directory cannot be opened (locked, damaged, missing).
  public static func openEmbedded(directory: String, readOnly: Bool) throws(StoreError) -> any Backend {
    try EmbeddedBackend(directory: directory, readOnly: readOnly)
  }

  /// Connects to the Qdrant API at `endpoint` (checking its version and key).
  ///
  /// - Throws: ``StoreError`` `unreachable` or `unauthorized` saying what to check.
  public static func openQdrant(_ endpoint: QdrantEndpoint, readOnly: Bool) async throws(StoreError) -> any Backend {
    try await QdrantBackend(endpoint: endpoint, readOnly: readOnly)
  }

  /// The version of the embedded engine, for `--version` before anything is opened.
  public static var embeddedVersion: String { Database.engineVersion }
}
