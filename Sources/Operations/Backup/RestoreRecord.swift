/// One restore from a backup.
public struct RestoreRecord: Hashable, Sendable {
  /// The catalog's id.
  public var id: Int64
  /// The backup restored.
  public var backupID: Int64
  /// The collection restored into (or `all`).
  public var target: String
  /// `RUNNING`, `SUCCEEDED` or `FAILED`.
  public var status: BackupStatus
  /// Why it failed.
  public var reason: String?
  /// When it started (Unix seconds).
  public var startedAt: Int64
  /// When it finished (Unix seconds).
  public var finishedAt: Int64?
}
