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
  /// A backup was written but failed verification.
  case verificationFailed = 4

  /// Orders by severity for a whole script: usage errors outrank failures.
  public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ExitStatus {
  /// The status for a failed backup operation: 3 lock held, 4 verification failed, else 1.
  public init(_ error: BackupError) {
    switch error.kind {
    case .locked: self = .locked
    case .verificationFailed: self = .verificationFailed
    default: self = .commandFailed
    }
  }
}
