import Model
import Operations

/// One backup schedule as the Backups page shows it.
public struct ScheduleRow: Hashable {
  /// The schedule's name.
  public var name: String
  /// When it runs (`daily 02:00 UTC`, a cron expression).
  public var frequency: String
  /// `all` or the collection's name.
  public var scope: String
  /// Days a verified backup is kept, or `nil` for ever.
  public var retentionDays: Int?
  /// Whether it is paused.
  public var paused: Bool
  /// The next slot (Unix seconds), or `nil` when paused or none.
  public var nextSlot: Int64?
  /// The latest run's status word, or `nil` when it never ran.
  public var lastStatus: String?
  /// When the latest run started.
  public var lastAt: Int64?

  /// Creates a row.
  public init(
    name: String, frequency: String, scope: String, retentionDays: Int?, paused: Bool,
    nextSlot: Int64?, lastStatus: String?, lastAt: Int64?
  ) {
    self.name = name
    self.frequency = frequency
    self.scope = scope
    self.retentionDays = retentionDays
    self.paused = paused
    self.nextSlot = nextSlot
    self.lastStatus = lastStatus
    self.lastAt = lastAt
  }

  /// The row of a schedule status from the backup service.
  public init(_ status: BackupService.ScheduleStatus) {
    self.init(
      name: status.schedule.name, frequency: status.schedule.spec.description,
      scope: status.schedule.scopeText, retentionDays: status.schedule.retentionDays,
      paused: status.schedule.paused, nextSlot: status.nextSlot,
      lastStatus: status.lastRun?.statusText, lastAt: status.lastRun?.startedAt)
  }
}

extension ScheduleRow: Sendable {}
