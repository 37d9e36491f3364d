import Model
import VectorEngine

/// Where a process chooses its backend: the one place that names a concrete one.
///
/// Today the only kind is the embedded engine over a data directory; a Qdrant endpoint joins
/// it here, and nothing above this file changes.
public enum BackendChoice {
  /// Opens the data directory `directory` with the embedded engine (taking its lock unless
  /// `readOnly`).
  ///
  /// - Throws: ``StoreError`` when the directory cannot be opened (locked, damaged, missing).
  public static func openEmbedded(directory: String, readOnly: Bool) throws(StoreError) -> any Backend {
    try EmbeddedBackend(directory: directory, readOnly: readOnly)
  }

  /// The version of the embedded engine, for `--version` before anything is opened.
  public static var embeddedVersion: String { Database.engineVersion }
}
