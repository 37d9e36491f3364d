/// Stored bytes that fail validation: a bad checksum, magic, length or structure.
///
/// The message names the file and what is wrong, never the bytes themselves.
struct StorageCorruption: Error, Hashable, CustomStringConvertible {
  /// The file (or file and record) that is corrupt.
  var file: String
  /// What is wrong, e.g. "header checksum mismatch".
  var detail: String

  var description: String { "\(file): \(detail)" }
}

extension StorageCorruption: Sendable {}
