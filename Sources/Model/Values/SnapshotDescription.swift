/// A snapshot file: of one collection, or of the whole data directory (Qdrant's
/// `SnapshotDescription`, plus where it is and what it holds).
public struct SnapshotDescription: Hashable {
  /// The file name: `<collection>-<YYYY-MM-DD-HH-MM-SS>.snapshot`, or
  /// `full-<YYYY-MM-DD-HH-MM-SS>.snapshot` for a full snapshot.
  public var name: String
  /// When it was taken, RFC 3339 UTC.
  public var created: String
  /// Bytes of the archive.
  public var size: Int
  /// SHA-256 of the archive, hex: from its sidecar in listings (`nil` when there is none),
  /// computed from the archive itself after a creation or a verification.
  public var sha256: String?
  /// The archive's absolute path.
  public var path: String
  /// The names of the collections it holds: one for a collection snapshot (empty when a
  /// listing could not read the archive's manifest).
  public var collections: [String]
  /// Whether it is a full snapshot (every collection and the aliases).
  public var isFull: Bool
  /// What the cheap checks made while listing found wrong, or `nil`.
  ///
  /// The checks: the sidecar is there, the manifest can be read, and the archive has the size
  /// the manifest records. A listing does not read the whole archive; verify it for that.
  public var problem: String?

  /// Creates a description.
  public init(
    name: String, created: String, size: Int, sha256: String?, path: String = "",
    collections: [String] = [], isFull: Bool = false, problem: String? = nil
  ) {
    self.name = name
    self.created = created
    self.size = size
    self.sha256 = sha256
    self.path = path
    self.collections = collections
    self.isFull = isFull
    self.problem = problem
  }
}

extension SnapshotDescription: Sendable {}
