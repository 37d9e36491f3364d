import Foundation
import Model

/// Schedules: creating, pausing, resuming and deleting them, and their statuses.
extension BackupService {
  /// Creates or changes a schedule. A new schedule's first slot is the first after now.
  ///
  /// - Parameters:
  ///   - deadline: how late a slot may start; `nil` is half the interval, at most 6 h.
  /// - Throws: ``BackupError`` `invalidInput` for a bad name or retention.
  @discardableResult
  public func setSchedule(
    name: String, spec: ScheduleSpec, collection: String?, retentionDays: Int?, minimumKeep: Int,
    deadline: Int64?, backupDirectory: String?
  ) throws(BackupError) -> BackupSchedule {
    guard !name.isEmpty, name.count <= 64,
      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }),
      !name.hasPrefix("."), !name.hasPrefix("-")
    else {
      throw BackupError(.invalidInput, "schedule name \(name) must be 1-64 letters, digits, '-', '_' or '.'")
    }
    if let retentionDays, !(1...36_500).contains(retentionDays) {
      throw BackupError(.invalidInput, "retention must be 1 to 36500 days (or --keep-forever)")
    }
    guard (1...1_000).contains(minimumKeep) else { throw BackupError(.invalidInput, "--min-keep must be 1 to 1000") }
    let now = clock.now
    let interval = spec.nominalInterval(after: now)
    let chosenDeadline = deadline ?? spec.defaultDeadline(after: now)
    guard chosenDeadline >= 60, chosenDeadline <= max(interval, 60) else {
      throw BackupError(
        .invalidInput, "the deadline must be from 1m to the interval between slots (\(DurationText.text(interval)))")
    }
    let root = try backupDirectory.map { (directory) throws(BackupError) in try BackupLayout.normalizedRoot(directory) }
    let saved = try catalog.save(
      BackupSchedule(
        name: name, spec: spec, collection: collection, retentionDays: retentionDays, minimumKeep: minimumKeep,
        deadline: chosenDeadline, backupDirectory: root, createdAt: now, evaluatedThrough: now))
    log("set to \(spec) for \(saved.scopeText), retention \(saved.retentionText)", schedule: name)
    return saved
  }

  /// Pauses a schedule: no runs until it is resumed; its backups stay (R10).
  public func pause(_ name: String) throws(BackupError) {
    try catalog.setPaused(true, schedule: name)
    log("paused", schedule: name)
  }

  /// Resumes a schedule; slots missed meanwhile follow the catch-up rule (no burst).
  public func resume(_ name: String) throws(BackupError) {
    try catalog.setPaused(false, schedule: name)
    log("resumed", schedule: name)
  }

  /// Deletes a schedule. Its backups stay unless `deletingBackups` (R10); returns how many
  /// backups were deleted.
  @discardableResult
  public func deleteSchedule(_ name: String, deletingBackups: Bool) throws(BackupError) -> Int {
    let schedule = try catalog.schedule(named: name)
    var deleted = 0
    if deletingBackups {
      let lock = try acquireLock()
      defer { withExtendedLifetime(lock) {} }
      for record in try catalog.backups(schedule: schedule.name) where record.scheduleID == schedule.id {
        if record.path != nil || record.status == .succeeded {
          try removeFiles(of: record, because: "its schedule was deleted")
          deleted += 1
        }
      }
    }
    try catalog.deleteSchedule(named: name)
    log("deleted\(deletingBackups ? " with its \(deleted) backup(s)" : "; its backups are kept")", schedule: name)
    return deleted
  }

  /// A schedule with its next slot and its latest run.
  public struct ScheduleStatus: Sendable {
    /// The schedule.
    public var schedule: BackupSchedule
    /// The next slot (nil when paused or none).
    public var nextSlot: Int64?
    /// The latest run (not a skip).
    public var lastRun: BackupRecord?
    /// The latest verified run.
    public var lastSuccess: BackupRecord?
    /// Runs that failed since the latest success.
    public var consecutiveFailures = 0
    /// `ok`, `paused`, `new` (no run yet), `failing` (2 or more failures in a row) or `late`
    /// (no success for 1.5 intervals): the alert rule of R12.
    public var health = "ok"
  }

  /// Every schedule with its next slot, latest run and health.
  public func scheduleStatuses() throws(BackupError) -> [ScheduleStatus] {
    let histories = try catalog.runHistories()
    let now = clock.now
    return try catalog.schedules().map { schedule in
      let history = histories[schedule.id] ?? BackupCatalog.RunHistory()
      var status = ScheduleStatus(
        schedule: schedule,
        nextSlot: schedule.paused ? nil : schedule.spec.nextSlot(after: max(now, schedule.evaluatedThrough)),
        lastRun: history.lastRun, lastSuccess: history.lastSuccess, consecutiveFailures: history.consecutiveFailures)
      let interval = schedule.spec.nominalInterval(after: now)
      let since = history.lastSuccess?.finishedAt ?? schedule.createdAt
      if schedule.paused {
        status.health = "paused"
      } else if history.consecutiveFailures >= 2 {
        status.health = "failing"
      } else if (now - since) * 2 > interval * 3 {
        status.health = "late"
      } else if history.lastRun == nil {
        status.health = "new"
      }
      return status
    }
  }
}
