/// The exit codes of `ragops --batch`, `-c` and the direct commands.
public enum ExitStatus: Int32, Comparable, Sendable {
  /// Everything succeeded.
  case success = 0
  /// A command failed (bad data, unknown collection, I/O error).
  case commandFailed = 1
  /// A line could not be parsed, or an argument is malformed.
  case usage = 2
  /// The data directory is locked by another process.
  case locked = 3

  /// Orders by severity for a whole script: usage errors outrank failures.
  public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
