// Snapshot archives: one POSIX ustar file whose first entry is `manifest.json`, followed by
// every file the manifest lists, in its order, then two zero blocks; plus a `<archive>.sha256`
// sidecar in `sha256sum` format holding the whole archive's SHA-256.
//
// The parts live in extension files: `+Writing` (write, read back, publish), `+Reading` (the
// entry points that verify, list and extract), `+Verification` (the one pass that checks an
// archive, and the sidecar check), `+Header` (ustar header fields); `ArchiveReader` and
// `Extractor` are the reading and extracting halves of that pass.

/// Writes, verifies and extracts snapshot archives (see the file header for the format).
enum SnapshotArchive {
  /// The suffix of the sidecar file holding the archive's SHA-256.
  static let sidecarSuffix = ".sha256"
  /// The largest sidecar the reader accepts, in bytes.
  static let maximumSidecarSize = 4096
  /// The most bytes read or written per system call.
  static let chunkSize = 1 << 20
  /// Buffers in flight between the I/O thread and the hashing thread.
  static let bufferCount = 4
  /// Archives (and sources) at least this large are hashed on a second thread.
  static let backgroundHashingThreshold = 4 << 20
  /// How many written bytes may wait before the kernel is asked to start writing them.
  static let writebackInterval = 8 << 20

  /// `("/a/b", "c.snapshot")` for `"/a/b/c.snapshot"`; `"."` when there is no folder.
  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }
}
