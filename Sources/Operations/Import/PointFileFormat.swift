/// The file formats points can be imported from.
public enum PointFileFormat: String, CaseIterable, Hashable {
  /// JSON Lines: one `{"id":…,"vector":[…],"payload":{…}}` object per line.
  case jsonl
  /// TEXMEX `.fvecs`: per record a little-endian `Int32` dimension, then that many `Float32`s.
  case fvecs

  /// The format a file name's extension implies: `.jsonl`, `.ndjson` or `.fvecs`, any case.
  ///
  /// Returns `nil` for other extensions and for `-` (standard input has no name; readers
  /// assume JSON Lines there).
  ///
  /// - Complexity: O(n) in the length of `path`.
  public init?(pathExtensionOf path: String) {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "jsonl", "ndjson": self = .jsonl
    case "fvecs": self = .fvecs
    default: return nil
    }
  }
}

extension PointFileFormat: Sendable {}
