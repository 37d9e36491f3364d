/// One row of the backup list.
public struct BackupRecord: Hashable, Sendable {
  /// The catalog's id (what `backup restore ID` takes).
  public var id: Int64
  /// The schedule's id, if a schedule made it and still exists.
  public var scheduleID: Int64?
  /// The schedule's name when it was made, if any.
  public var scheduleName: String?
  /// What started it.
  public var trigger: BackupTrigger
  /// The slot (Unix seconds) for scheduled and catch-up backups.
  public var slot: Int64?
  /// Its state.
  public var status: BackupStatus
  /// Why it failed or was skipped.
  public var reason: String?
  /// The collection it holds; `nil` for all collections.
  public var collection: String?
  /// When it started (Unix seconds).
  public var startedAt: Int64
  /// When it finished (Unix seconds).
  public var finishedAt: Int64?
  /// How long it took, in milliseconds (monotonic clock).
  public var durationMilliseconds: Int64?
  /// The archive's size in bytes.
  public var size: Int64?
  /// The archive's SHA-256, hex.
  public var sha256: String?
  /// The archive's path (its folder's, ending in `/`, while it is being written).
  public var path: String?
  /// The folder holding this backup's own folder when it is not the data directory's
  /// `backups` (a `--backup-dir`); `nil` for `<data>/backups`. The catalog stores ``path``
  /// relative to it, so a data directory that is moved or copied keeps finding its backups.
  public var backupRoot: String?
  /// When it was deleted (by retention or by the operator); deleted backups stay in the catalog.
  public var deletedAt: Int64?
  /// Why it was deleted.
  public var deletedBecause: String?

  /// Creates a record.
  public init(
    id: Int64 = 0, scheduleID: Int64?, scheduleName: String?, trigger: BackupTrigger, slot: Int64?,
    status: BackupStatus, reason: String? = nil, collection: String?, startedAt: Int64, finishedAt: Int64? = nil,
    durationMilliseconds: Int64? = nil, size: Int64? = nil, sha256: String? = nil, path: String? = nil,
    backupRoot: String? = nil, deletedAt: Int64? = nil, deletedBecause: String? = nil
  ) {
    self.id = id
    self.scheduleID = scheduleID
    self.scheduleName = scheduleName
    self.trigger = trigger
    self.slot = slot
    self.status = status
    self.reason = reason
    self.collection = collection
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.durationMilliseconds = durationMilliseconds
    self.size = size
    self.sha256 = sha256
    self.path = path
    self.backupRoot = backupRoot
    self.deletedAt = deletedAt
    self.deletedBecause = deletedBecause
  }

  /// `SUCCEEDED`, `FAILED`, `SKIPPED(overlap)`…
  public var statusText: String {
    guard status == .skipped, let reason else { return status.rawValue }
    return "SKIPPED(\(reason))"
  }
}
