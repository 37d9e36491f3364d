// The caps a snapshot reader enforces (see SnapshotArchive.swift).

/// Caps on what a snapshot reader accepts, so hostile archives cannot exhaust disk or memory.
struct SnapshotLimits: Hashable {
  /// The most entries an archive may have, the manifest included.
  var maximumEntries: Int
  /// The largest single file, in bytes.
  var maximumFileSize: Int
  /// The largest sum of all file sizes, in bytes.
  var maximumTotalSize: Int
  /// The largest `manifest.json`, in bytes; it is held in memory.
  var maximumManifestSize: Int

  /// 100,000 entries, 64 GiB per file, 1 TiB in total, a 16 MiB manifest.
  static let `default` = SnapshotLimits(
    maximumEntries: 100_000, maximumFileSize: 64 << 30, maximumTotalSize: 1 << 40,
    maximumManifestSize: 16 << 20)
}

extension SnapshotLimits: Sendable {}
