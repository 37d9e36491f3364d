/// A snapshot file of a collection (Qdrant's `SnapshotDescription`).
public struct SnapshotDescription: Hashable {
  /// The file name, `<collection>-<YYYY-MM-DD-HH-MM-SS>.snapshot`.
  public var name: String
  /// When it was taken, RFC 3339 UTC.
  public var created: String
  /// Bytes of the archive.
  public var size: Int
  /// SHA-256 of the archive (from its sidecar), hex.
  public var sha256: String?

  /// Creates a description.
  public init(name: String, created: String, size: Int, sha256: String?) {
    self.name = name
    self.created = created
    self.size = size
    self.sha256 = sha256
  }
}

extension SnapshotDescription: Sendable {}
