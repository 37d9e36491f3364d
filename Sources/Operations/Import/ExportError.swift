/// Writing exported points failed: the file could not be created or written.
///
/// These are the system's failures (a missing directory, a full disk, a closed pipe); the
/// points themselves cannot be at fault.
public struct ExportError: Error, Hashable, CustomStringConvertible {
  /// The output path as given, or `stdout` for `-`.
  public var file: String
  /// What failed, such as "cannot create the file: Permission denied".
  public var message: String

  /// Creates an error.
  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  /// `"file: message"`.
  public var description: String { "\(file): \(message)" }
}

extension ExportError: Sendable {}
