/// One entry to write into a snapshot archive: its name and where its bytes come from.
struct SnapshotSource: Hashable, Sendable {
  /// Where an entry's bytes come from.
  enum Content: Hashable, Sendable {
    /// A file, read once while the archive is written; it must not change meanwhile.
    case file(String)
    /// Bytes held in memory (a frozen manifest, the aliases).
    case bytes([UInt8])
  }

  /// The entry's name inside the archive (see ``SnapshotManifest/nameProblem(_:)``).
  var name: String
  /// Where its bytes come from.
  var content: Content
}
