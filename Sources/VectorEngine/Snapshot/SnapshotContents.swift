/// What a whole, checked read of a snapshot archive found.
struct SnapshotContents: Hashable, Sendable {
  /// The archive's manifest.
  var manifest: SnapshotManifest
  /// The archive's size in bytes.
  var size: Int
  /// The whole archive's SHA-256, 64 lowercase hexadecimal digits.
  var sha256: String
  /// A full snapshot's aliases (alias → collection); empty for a collection snapshot.
  var aliases: [String: String]
  /// Where each file's bytes start in the archive, by entry name.
  var dataOffsets: [String: Int] = [:]
}
