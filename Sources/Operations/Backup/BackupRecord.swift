/// What started a backup.
public enum BackupTrigger: String, Hashable, Sendable, CaseIterable {
  /// A schedule's slot, on time.
  case scheduled
  /// A schedule's missed slot, run late within its deadline after downtime.
  case catchUp = "catch-up"
  /// "Backup now".
  case manual

  /// `Scheduled`, `Catch-up`, `Manual`.
  public var title: String {
    switch self {
    case .scheduled: "Scheduled"
    case .catchUp: "Catch-up"
    case .manual: "Manual"
    }
  }
}

/// Where a backup is in its life (Qdrant Cloud's backup states, plus `CORRUPT` for a stored
/// backup that later failed verification).
public enum BackupStatus: String, Hashable, Sendable, CaseIterable {
  /// Being written.
  case running = "RUNNING"
  /// Written, read back and verified.
  case succeeded = "SUCCEEDED"
  /// Not written or not verified; `reason` says why.
  case failed = "FAILED"
  /// Not started; `reason` says why (overlap, missed, missed-deadline, paused, clock-skew…).
  case skipped = "SKIPPED"
  /// Verified once, failed a later verification; kept as evidence, never counted by retention.
  case corrupt = "CORRUPT"
}

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
  /// The archive's path.
  public var path: String?
  /// When it was deleted (by retention or by the operator); deleted backups stay in the catalog.
  public var deletedAt: Int64?
  /// Why it was deleted.
  public var deletedBecause: String?

  /// Creates a record.
  public init(
    id: Int64 = 0, scheduleID: Int64?, scheduleName: String?, trigger: BackupTrigger, slot: Int64?,
    status: BackupStatus, reason: String? = nil, collection: String?, startedAt: Int64, finishedAt: Int64? = nil,
    durationMilliseconds: Int64? = nil, size: Int64? = nil, sha256: String? = nil, path: String? = nil,
    deletedAt: Int64? = nil, deletedBecause: String? = nil
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
    self.deletedAt = deletedAt
    self.deletedBecause = deletedBecause
  }

  /// `SUCCEEDED`, `FAILED`, `SKIPPED(overlap)`…
  public var statusText: String {
    guard status == .skipped, let reason else { return status.rawValue }
    return "SKIPPED(\(reason))"
  }
}

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

/// A line of the scheduler's decision log, shared by every process through the catalog.
public struct BackupEvent: Hashable, Sendable {
  /// The catalog's id (increasing).
  public var id: Int64
  /// When (Unix seconds).
  public var at: Int64
  /// The schedule it concerns, if any.
  public var schedule: String?
  /// What was decided or done.
  public var message: String

  /// Creates an event.
  public init(id: Int64, at: Int64, schedule: String?, message: String) {
    self.id = id
    self.at = at
    self.schedule = schedule
    self.message = message
  }
}
