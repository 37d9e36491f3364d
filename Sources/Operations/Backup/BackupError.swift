import Model

/// A backup, schedule or catalog operation that failed, and whose fault it was.
public struct BackupError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kinds of failure.
  public enum Kind: String, Hashable, Sendable {
    /// The operator asked for something impossible (a bad schedule, an unknown id…).
    case invalidInput
    /// No such schedule or backup.
    case notFound
    /// A schedule of that name exists.
    case alreadyExists
    /// Another process holds the backup lock or the data directory.
    case locked
    /// Writing the backup failed (disk, engine).
    case failed
    /// The archive was written but did not verify.
    case verificationFailed
    /// The catalog file could not be read or written.
    case catalog
    /// The data directory is open read-only (`--read-only`): nothing may be written.
    case readOnly
    /// The catalog, or what one of its entries points at, is damaged or not what it should
    /// be (a file that is not a catalog, a backup path outside its backup folder).
    case corrupted
  }

  /// What kind of failure.
  public var kind: Kind
  /// What happened, for the operator.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message.
  public var description: String { message }

  /// An engine error, kept in its kind.
  static func from(_ error: StoreError) -> BackupError {
    switch error.kind {
    case .locked: BackupError(.locked, error.message)
    case .notFound: BackupError(.notFound, error.message)
    case .readOnly: BackupError(.readOnly, error.message)
    case .invalidInput, .alreadyExists, .unsupported: BackupError(.invalidInput, error.message)
    case .corrupted: BackupError(.verificationFailed, error.message)
    case .io, .diskFull, .unreachable, .unauthorized: BackupError(.failed, error.message)
    }
  }
}
