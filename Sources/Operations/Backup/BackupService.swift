import Foundation
public import Model
public import VectorEngine

/// Schedules, backups, restores and retention for one data directory: what `schedule …`,
/// `backup …`, `backup run --if-due`, `ragops scheduler` and the console's Backups page do.
///
/// Every run, restore and delete holds `<data>/locks/backup.lock` (flock), so the scheduler
/// daemon, a cron one-shot and an interactive "Backup now" never overlap (rule R5); the kernel
/// drops the lock with its process. A backup succeeds only after its archive is published and
/// read back and verified (R8); retention runs only after such a success (R9).
public final class BackupService: Sendable {
  /// The data directory.
  public let dataDirectory: String
  /// The catalog.
  public let catalog: BackupCatalog
  /// Whether the data directory is open read-only (`--read-only`): nothing may be written.
  public let isReadOnly: Bool
  /// The clocks every rule reads.
  let clock: any BackupClock
  /// Receives each decision line (the daemon prints them on stderr).
  let logger: @Sendable (String) -> Void

  /// The default place for backups, `<data>/backups`.
  public var defaultBackupDirectory: String { dataDirectory + "/backups" }
  private var lockPath: String { dataDirectory + "/locks/backup.lock" }

  /// Opens the catalog of `dataDirectory` (creating it if needed).
  ///
  /// - Parameters:
  ///   - readOnly: the data directory is open read-only; every change is refused.
  ///   - clock: the clocks every rule reads (tests inject their own).
  ///   - log: receives each decision as one line (the daemon prints them on stderr).
  /// - Throws: ``BackupError`` `catalog`.
  public init(
    dataDirectory: String, readOnly: Bool = false, clock: any BackupClock = SystemBackupClock(),
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(BackupError) {
    self.dataDirectory = dataDirectory
    self.isReadOnly = readOnly
    self.clock = clock
    self.logger = log
    if !readOnly {
      do {
        try FileOperations.makeDirectories(dataDirectory + "/locks")
      } catch {
        throw BackupError(.catalog, "cannot prepare \(dataDirectory): \(error.message)")
      }
    }
    catalog = try BackupCatalog(path: dataDirectory + "/" + BackupCatalog.fileName, readOnly: readOnly)
  }

  /// The wall clock's now (Unix seconds), as the rules see it.
  public var now: Int64 { clock.now }

  /// Reports a decision to the logger and to the catalog's shared event log (not when
  /// read-only).
  func log(_ message: String, schedule: String?) {
    logger((schedule.map { "schedule \($0): " } ?? "") + message)
    try? catalog.log(message, schedule: schedule, at: clock.now)
  }

  /// Refuses a change when the data directory is open read-only.
  ///
  /// Every change goes through one of two gates: the backup lock (``acquireLock()``), which
  /// every run, restore and deletion of backup files takes first, and the catalog, which
  /// refuses every write when opened read-only. Both say the same thing.
  ///
  /// - Throws: ``BackupError`` `readOnly`.
  public func requireWritable() throws(BackupError) {
    if isReadOnly { throw BackupError(.readOnly, "the data directory \(dataDirectory) is open read-only") }
  }

  /// Takes the backup lock without waiting.
  ///
  /// - Throws: ``BackupError`` `readOnly` when the data directory is open read-only (nothing
  ///   may change); `locked` naming the holder's pid.
  public func acquireLock() throws(BackupError) -> LockFile {
    try requireWritable()
    do {
      return try LockFile(path: lockPath) {
        "the backup lock is held by pid \($0): another backup, restore or retention run is in progress"
      }
    } catch {
      throw BackupError.from(error)
    }
  }

  // MARK: - Who holds what

  private var schedulerMarkerPath: String { dataDirectory + "/locks/scheduler.lock" }

  /// Announces, for as long as the returned lock is held, that this process runs a backup
  /// scheduler (the daemon and the console's background scheduler hold it while they run), so
  /// that a one-shot finding the data directory busy can say whether the holder will run
  /// the slot itself. `nil` when another scheduler holds it already, or read-only.
  public func announceScheduler() -> LockFile? {
    guard !isReadOnly else { return nil }
    return try? LockFile(path: schedulerMarkerPath) { _ in "" }
  }

  /// The message for a data directory held by another process: the engine's own (which
  /// names the holder's pid), plus that the holder runs a backup scheduler only when it is
  /// known to (it holds the scheduler marker).
  private func lockHolderMessage(_ held: String) -> String {
    var schedulerPID: String?
    do {
      // A probe: taken, no scheduler runs; refused, the holder's pid comes with the refusal.
      let probe = try LockFile(path: schedulerMarkerPath) { pid in
        schedulerPID = pid
        return ""
      }
      withExtendedLifetime(probe) {}
    } catch {}
    let recorded = (try? FileOperations.readPrefix(dataDirectory + "/LOCK", count: 32)).map {
      String(decoding: $0, as: UTF8.self)
    }
    let holderPID = recorded?.split(separator: "\n").first.map(String.init)
    guard let schedulerPID, let holderPID, Int(holderPID) != nil, schedulerPID == holderPID else { return held }
    return held + "; that process runs its own backup scheduler, which takes the slot while it is within its deadline"
  }

  // MARK: - Running schedules

  /// Runs what is due, as `backup run --if-due` does: takes the backup lock (or reports it
  /// held), recovers runs a dead process left `RUNNING`, then for each schedule (or the one
  /// named) records skipped slots, runs the due slot, verifies it and applies retention.
  ///
  /// - Parameter openTarget: opens the store when a backup must run (the one-shot opens the
  ///   data directory only then); a `locked` error means another process has it open.
  public func runDue(
    schedule only: String? = nil, openTarget: () throws(StoreError) -> any BackupTarget
  ) -> BackupRunReport {
    var report = BackupRunReport()
    let schedules: [BackupSchedule]
    do throws(BackupError) {
      if let only { schedules = [try catalog.schedule(named: only)] } else { schedules = try catalog.schedules() }
    } catch {
      let record = BackupRecord(
        scheduleID: nil, scheduleName: only, trigger: .scheduled, slot: nil, status: .failed, reason: error.message,
        collection: nil, startedAt: clock.now)
      report.outcomes.append((only ?? "-", .failed(record)))
      return report
    }
    let lock: LockFile
    do {
      lock = try acquireLock()
    } catch  where error.kind == .readOnly {
      report.refused = error
      return report
    } catch {
      report.lockHeld = error.message
      recordOverlaps(schedules, reason: error.message)
      log("skipped: \(error.message)", schedule: only)
      return report
    }
    defer { withExtendedLifetime(lock) {} }
    recoverInterrupted()
    var target: (any BackupTarget)?
    for schedule in schedules {
      let outcome = runDue(schedule, target: &target, openTarget: openTarget)
      report.outcomes.append((schedule.name, outcome))
    }
    return report
  }

  private func runDue(
    _ schedule: BackupSchedule, target: inout (any BackupTarget)?, openTarget: () throws(StoreError) -> any BackupTarget
  ) -> BackupRunReport.Outcome {
    let now = clock.now
    let decision = SlotPlanner.decide(schedule, now: now)
    do {
      try catalog.recordSkips(decision.skips, schedule: schedule, at: now)
    } catch {
      log("could not record skipped slots: \(error.message)", schedule: schedule.name)
    }
    for skip in decision.skips {
      log("slot \(UTCText.minute(skip.slot)) skipped (\(skip.reason))", schedule: schedule.name)
    }
    let nextText = decision.nextSlot.map { "next slot \(UTCText.minute($0)) UTC" } ?? "no further slot"
    switch decision.action {
    case .wait:
      if schedule.paused { return .paused }
      return .notDue(next: decision.nextSlot)
    case .clockSkew(let message):
      log("CLOCK SKEW: \(message); \(nextText)", schedule: schedule.name)
      return .clockSkew(message)
    case .run(let slot, let trigger):
      if target == nil {
        do {
          target = try openTarget()
        } catch {
          let message = error.kind == .locked ? lockHolderMessage(error.message) : error.message
          log("slot \(UTCText.minute(slot)) not started: \(message)", schedule: schedule.name)
          return error.kind == .locked
            ? .locked(message)
            : .failed(
              BackupRecord(
                scheduleID: schedule.id, scheduleName: schedule.name, trigger: trigger, slot: slot, status: .failed,
                reason: message, collection: schedule.collection, startedAt: now))
        }
      }
      guard let opened = target else { return .notDue(next: decision.nextSlot) }
      let record = BackupRecord(
        scheduleID: schedule.id, scheduleName: schedule.name, trigger: trigger, slot: slot, status: .running,
        collection: schedule.collection, startedAt: now)
      let started: BackupRecord?
      do {
        started = try catalog.beginSlot(record, schedule: schedule)
      } catch {
        log("slot \(UTCText.minute(slot)) not started: \(error.message)", schedule: schedule.name)
        return .failed(record)
      }
      guard let started else {
        log("slot \(UTCText.minute(slot)) already ran; not run again", schedule: schedule.name)
        return .alreadyRan(slot: slot)
      }
      log("slot \(UTCText.minute(slot)) due: running (\(trigger.title.lowercased()))", schedule: schedule.name)
      let finished = perform(started, directory: schedule.backupDirectory, target: opened)
      switch finished.status {
      case .succeeded:
        log(
          "backup \(finished.id) succeeded: \(finished.size.map { Quantity.bytes(Int($0)) } ?? "?") in \(Quantity.briefDuration(milliseconds: finished.durationMilliseconds)), verified; \(nextText)",
          schedule: schedule.name)
        applyRetention(to: schedule)
        return .succeeded(finished)
      default:
        log("backup \(finished.id) \(finished.statusText): \(finished.reason ?? "")", schedule: schedule.name)
        return finished.reason?.hasPrefix("verification failed") == true
          ? .verificationFailed(finished) : .failed(finished)
      }
    }
  }

  /// When the lock is held, records `SKIPPED(overlap)` for due slots that have no record yet,
  /// without moving the schedule: a later wakeup may still run them within the deadline (R4).
  private func recordOverlaps(_ schedules: [BackupSchedule], reason: String) {
    let now = clock.now
    for schedule in schedules where !schedule.paused {
      guard case .run(let slot, let trigger) = SlotPlanner.decide(schedule, now: now).action else { continue }
      try? catalog.recordAttemptSkipped(
        BackupRecord(
          scheduleID: schedule.id, scheduleName: schedule.name, trigger: trigger, slot: slot, status: .skipped,
          reason: "overlap", collection: schedule.collection, startedAt: now, finishedAt: now))
    }
  }

  /// Marks runs left `RUNNING` by a process that died as failed and removes their partial
  /// files (the caller holds the lock, so no live process owns them). A folder that is not
  /// the run's own backup folder is left as it is, and the log says why.
  private func recoverInterrupted() {
    guard let running = try? catalog.runningBackups() else { return }
    for var record in running {
      record.status = .failed
      record.reason = "interrupted: the process stopped before the backup finished"
      record.finishedAt = clock.now
      do {
        if record.path != nil { try removeFolder(of: record) }
        record.path = nil
        log(
          "backup \(record.id) was interrupted; marked FAILED and its partial files removed",
          schedule: record.scheduleName)
      } catch {
        log(
          "backup \(record.id) was interrupted; marked FAILED, its files left in place: \(error.message)",
          schedule: record.scheduleName)
      }
      try? catalog.update(record)
    }
  }

  // MARK: - Backup now

  /// Takes a manual backup now ("Backup now"): holds the lock, writes, verifies; the
  /// schedules are not moved and retention does not touch it.
  ///
  /// - Parameter collection: one collection, or `nil` for every collection and the aliases.
  /// - Throws: ``BackupError`` `locked` when another run holds the lock; `failed` or
  ///   `verificationFailed` with the stored record's id.
  public func backupNow(collection: String?, backupDirectory: String?, target: any BackupTarget) throws(BackupError)
    -> BackupRecord
  {
    let root = try backupDirectory.map { (directory) throws(BackupError) in try BackupLayout.normalizedRoot(directory) }
    let lock = try acquireLock()
    defer { withExtendedLifetime(lock) {} }
    recoverInterrupted()
    let record = try catalog.insert(
      BackupRecord(
        scheduleID: nil, scheduleName: nil, trigger: .manual, slot: nil, status: .running, collection: collection,
        startedAt: clock.now))
    let finished = perform(record, directory: root, target: target)
    switch finished.status {
    case .succeeded:
      log(
        "manual backup \(finished.id) succeeded: \(finished.size.map { Quantity.bytes(Int($0)) } ?? "?"), verified",
        schedule: nil)
      return finished
    default:
      log("manual backup \(finished.id) failed: \(finished.reason ?? "")", schedule: nil)
      let verification = finished.reason?.hasPrefix("verification failed") == true
      throw BackupError(
        verification ? .verificationFailed : .failed, "backup \(finished.id) failed: \(finished.reason ?? "unknown")")
    }
  }
}
