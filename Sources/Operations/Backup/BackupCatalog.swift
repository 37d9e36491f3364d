import GRDB
import VectorEngine

/// The catalog of schedules, backups, restores and scheduler events: an SQLite file
/// (`<data>/catalog.sqlite`, WAL mode, `synchronous=FULL`) that the console, the scheduler
/// daemon and cron one-shots read and write at once; SQLite's locking serializes them.
///
/// Slot uniqueness is a database rule: one `RUNNING`, `SUCCEEDED` or `FAILED` backup per
/// (schedule, slot), so a slot runs at most once whichever process gets there (rule R2).
public final class BackupCatalog: Sendable {
  /// The catalog file's name inside the data directory.
  public static let fileName = "catalog.sqlite"
  private let queue: DatabaseQueue

  /// Opens (creating and migrating if needed) the catalog at `path`.
  ///
  /// - Throws: ``BackupError`` `catalog`.
  public init(path: String) throws(BackupError) {
    do {
      // Created 0600 first: SQLite gives its -wal and -shm files the database file's mode.
      try FileOperations.createFileIfMissing(path)
    } catch {
      throw BackupError(.catalog, "cannot create the backup catalog \(path): \(error.message)")
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.journalMode = .wal
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try Self.migrator.migrate(queue)
    } catch {
      throw BackupError(.catalog, "cannot open the backup catalog \(path): \(Self.describe(error))")
    }
  }

  private static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(sql: """
        CREATE TABLE schedules (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE,
          spec TEXT NOT NULL,
          collection TEXT,
          retention_days INTEGER,
          min_keep INTEGER NOT NULL,
          deadline_seconds INTEGER NOT NULL,
          backup_directory TEXT,
          paused INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          evaluated_through INTEGER NOT NULL
        );
        CREATE TABLE backups (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          schedule_id INTEGER REFERENCES schedules(id) ON DELETE SET NULL,
          schedule_name TEXT,
          trigger TEXT NOT NULL,
          slot INTEGER,
          status TEXT NOT NULL,
          reason TEXT,
          collection TEXT,
          started_at INTEGER NOT NULL,
          finished_at INTEGER,
          duration_ms INTEGER,
          size INTEGER,
          sha256 TEXT,
          path TEXT,
          deleted_at INTEGER,
          deleted_because TEXT
        );
        CREATE UNIQUE INDEX backups_one_run_per_slot ON backups(schedule_id, slot)
          WHERE status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CORRUPT') AND slot IS NOT NULL;
        CREATE TABLE restores (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          backup_id INTEGER NOT NULL,
          target TEXT NOT NULL,
          status TEXT NOT NULL,
          reason TEXT,
          started_at INTEGER NOT NULL,
          finished_at INTEGER
        );
        CREATE TABLE events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          schedule TEXT,
          message TEXT NOT NULL
        );
        """)
    }
    return migrator
  }

  private static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
    return "\(error)"
  }

  private func write<T>(_ what: String, _ body: (GRDB.Database) throws -> T) throws(BackupError) -> T {
    do {
      return try queue.write { db in try body(db) }
    } catch let error as BackupError {
      throw error
    } catch {
      throw BackupError(.catalog, "backup catalog: \(what) failed: \(Self.describe(error))")
    }
  }

  private func read<T>(_ what: String, _ body: (GRDB.Database) throws -> T) throws(BackupError) -> T {
    do {
      return try queue.read { db in try body(db) }
    } catch let error as BackupError {
      throw error
    } catch {
      throw BackupError(.catalog, "backup catalog: \(what) failed: \(Self.describe(error))")
    }
  }

  // MARK: - Schedules

  private static func schedule(_ row: Row) throws -> BackupSchedule {
    let name: String = row["name"]
    let spec: ScheduleSpec
    do {
      spec = try ScheduleSpec(stored: row["spec"])
    } catch {
      throw BackupError(.catalog, "schedule \(name) in the catalog has an unreadable spec: \(error.message)")
    }
    return BackupSchedule(
      id: row["id"], name: name, spec: spec, collection: row["collection"], retentionDays: row["retention_days"],
      minimumKeep: row["min_keep"], deadline: row["deadline_seconds"], backupDirectory: row["backup_directory"],
      paused: row["paused"], createdAt: row["created_at"], evaluatedThrough: row["evaluated_through"])
  }

  /// Every schedule, by name.
  public func schedules() throws(BackupError) -> [BackupSchedule] {
    try read("listing schedules") { db in
      try Row.fetchAll(db, sql: "SELECT * FROM schedules ORDER BY name").map(Self.schedule)
    }
  }

  /// The schedule called `name`.
  ///
  /// - Throws: ``BackupError`` `notFound`.
  public func schedule(named name: String) throws(BackupError) -> BackupSchedule {
    let found = try read("reading a schedule") { db in
      try Row.fetchOne(db, sql: "SELECT * FROM schedules WHERE name = ?", arguments: [name]).map(Self.schedule)
    }
    guard let found else { throw BackupError(.notFound, "no schedule named \(name)") }
    return found
  }

  /// Creates a schedule, or replaces the settings of the one with the same name (keeping its
  /// id, its decided slots and its backups). Returns the stored schedule.
  public func save(_ schedule: BackupSchedule) throws(BackupError) -> BackupSchedule {
    try write("saving schedule \(schedule.name)") { db in
      try db.execute(
        sql: """
          INSERT INTO schedules (name, spec, collection, retention_days, min_keep, deadline_seconds,
            backup_directory, paused, created_at, evaluated_through)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, collection = excluded.collection,
            retention_days = excluded.retention_days, min_keep = excluded.min_keep,
            deadline_seconds = excluded.deadline_seconds, backup_directory = excluded.backup_directory,
            evaluated_through = MAX(evaluated_through, excluded.evaluated_through)
          """,
        arguments: [
          schedule.name, schedule.spec.description, schedule.collection, schedule.retentionDays,
          schedule.minimumKeep, schedule.deadline, schedule.backupDirectory, schedule.paused,
          schedule.createdAt, schedule.evaluatedThrough,
        ])
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM schedules WHERE name = ?", arguments: [schedule.name]) else {
        throw BackupError(.catalog, "schedule \(schedule.name) vanished while being saved")
      }
      return try Self.schedule(row)
    }
  }

  /// Pauses or resumes a schedule. Slots that fell while it was paused are then decided by
  /// the catch-up rule (at most one, within the deadline), so resuming never fires a burst.
  public func setPaused(_ paused: Bool, schedule name: String) throws(BackupError) {
    let changed = try write("pausing \(name)") { db in
      try db.execute(sql: "UPDATE schedules SET paused = ? WHERE name = ?", arguments: [paused, name])
      return db.changesCount
    }
    guard changed > 0 else { throw BackupError(.notFound, "no schedule named \(name)") }
  }

  /// Deletes a schedule; its backups stay (their schedule id becomes empty, the name stays).
  public func deleteSchedule(named name: String) throws(BackupError) {
    let changed = try write("deleting \(name)") { db in
      try db.execute(sql: "DELETE FROM schedules WHERE name = ?", arguments: [name])
      return db.changesCount
    }
    guard changed > 0 else { throw BackupError(.notFound, "no schedule named \(name)") }
  }

  // MARK: - Slots

  /// Starts a slot: inserts a `RUNNING` backup and moves the schedule's decided point to the
  /// slot, atomically. Returns `nil` when the slot already has a run (R2: it never runs twice).
  public func beginSlot(_ record: BackupRecord, schedule: BackupSchedule) throws(BackupError) -> BackupRecord? {
    guard let slot = record.slot else { throw BackupError(.invalidInput, "a scheduled backup needs a slot") }
    return try write("starting a slot of \(schedule.name)") { db in
      let taken = try Int.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM backups WHERE schedule_id = ? AND slot = ? AND status IN ('RUNNING','SUCCEEDED','FAILED','CORRUPT')",
        arguments: [schedule.id, slot]) ?? 0
      guard taken == 0 else { return nil }
      let id = try Self.insertRow(record, db)
      try db.execute(
        sql: "UPDATE schedules SET evaluated_through = MAX(evaluated_through, ?) WHERE id = ?",
        arguments: [slot, schedule.id])
      var started = record
      started.id = id
      return started
    }
  }

  /// Records slots that will not run, and moves the schedule's decided point past them.
  public func recordSkips(_ skips: [SkippedSlot], schedule: BackupSchedule, at now: Int64) throws(BackupError) {
    guard !skips.isEmpty else { return }
    try write("recording skipped slots of \(schedule.name)") { db in
      for skip in skips {
        _ = try Self.insertRow(
          BackupRecord(
            scheduleID: schedule.id, scheduleName: schedule.name, trigger: .scheduled, slot: skip.slot, status: .skipped,
            reason: skip.reason, collection: schedule.collection, startedAt: now, finishedAt: now),
          db)
      }
      let latest = skips.map(\.slot).max() ?? schedule.evaluatedThrough
      try db.execute(
        sql: "UPDATE schedules SET evaluated_through = MAX(evaluated_through, ?) WHERE id = ?",
        arguments: [latest, schedule.id])
    }
  }

  /// Records one skipped attempt without moving the decided point (an overlap: a later
  /// wakeup may still run the slot within its deadline).
  public func recordAttemptSkipped(_ record: BackupRecord) throws(BackupError) {
    try write("recording a skipped attempt") { db in _ = try Self.insertRow(record, db) }
  }

  // MARK: - Backups

  private static func insertRow(_ record: BackupRecord, _ db: GRDB.Database) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO backups (schedule_id, schedule_name, trigger, slot, status, reason, collection, started_at,
          finished_at, duration_ms, size, sha256, path, deleted_at, deleted_because)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        record.scheduleID, record.scheduleName, record.trigger.rawValue, record.slot, record.status.rawValue,
        record.reason, record.collection, record.startedAt, record.finishedAt, record.durationMilliseconds,
        record.size, record.sha256, record.path, record.deletedAt, record.deletedBecause,
      ])
    return db.lastInsertedRowID
  }

  private static func backup(_ row: Row) -> BackupRecord {
    BackupRecord(
      id: row["id"], scheduleID: row["schedule_id"], scheduleName: row["schedule_name"],
      trigger: BackupTrigger(rawValue: row["trigger"]) ?? .manual, slot: row["slot"],
      status: BackupStatus(rawValue: row["status"]) ?? .failed, reason: row["reason"], collection: row["collection"],
      startedAt: row["started_at"], finishedAt: row["finished_at"], durationMilliseconds: row["duration_ms"],
      size: row["size"], sha256: row["sha256"], path: row["path"], deletedAt: row["deleted_at"],
      deletedBecause: row["deleted_because"])
  }

  /// Inserts a backup record (a manual backup starting) and returns it with its id.
  public func insert(_ record: BackupRecord) throws(BackupError) -> BackupRecord {
    try write("recording a backup") { db in
      var stored = record
      stored.id = try Self.insertRow(record, db)
      return stored
    }
  }

  /// Stores a backup's new state (status, sizes, paths, deletion).
  public func update(_ record: BackupRecord) throws(BackupError) {
    try write("updating backup \(record.id)") { db in
      try db.execute(
        sql: """
          UPDATE backups SET status = ?, reason = ?, finished_at = ?, duration_ms = ?, size = ?, sha256 = ?,
            path = ?, deleted_at = ?, deleted_because = ? WHERE id = ?
          """,
        arguments: [
          record.status.rawValue, record.reason, record.finishedAt, record.durationMilliseconds, record.size,
          record.sha256, record.path, record.deletedAt, record.deletedBecause, record.id,
        ])
    }
  }

  /// The backup with `id`.
  ///
  /// - Throws: ``BackupError`` `notFound`.
  public func backup(id: Int64) throws(BackupError) -> BackupRecord {
    let found = try read("reading backup \(id)") { db in
      try Row.fetchOne(db, sql: "SELECT * FROM backups WHERE id = ?", arguments: [id]).map(Self.backup)
    }
    guard let found else { throw BackupError(.notFound, "no backup with id \(id)") }
    return found
  }

  /// Backups, newest first; deleted ones only when asked.
  ///
  /// - Complexity: O(n) in the catalog's backups.
  public func backups(includingDeleted: Bool = false, schedule: String? = nil) throws(BackupError) -> [BackupRecord] {
    try read("listing backups") { db in
      var sql = "SELECT * FROM backups WHERE 1"
      var arguments = StatementArguments()
      if !includingDeleted { sql += " AND deleted_at IS NULL" }
      if let schedule {
        sql += " AND schedule_name = ?"
        arguments += [schedule]
      }
      return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC", arguments: arguments).map(Self.backup)
    }
  }

  /// The verified, not deleted backups a schedule made (scheduled and catch-up), newest first.
  public func verifiedBackups(scheduleID: Int64) throws(BackupError) -> [BackupRecord] {
    try read("listing verified backups") { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM backups WHERE schedule_id = ? AND status = 'SUCCEEDED' AND deleted_at IS NULL AND trigger != 'manual' ORDER BY finished_at DESC, id DESC",
        arguments: [scheduleID]
      ).map(Self.backup)
    }
  }

  /// Backups left `RUNNING` (their process died: only callable under the backup lock).
  public func runningBackups() throws(BackupError) -> [BackupRecord] {
    try read("listing running backups") { db in
      try Row.fetchAll(db, sql: "SELECT * FROM backups WHERE status = 'RUNNING'").map(Self.backup)
    }
  }

  /// Each schedule's run history, by schedule id: its latest run (not a skip), its latest
  /// success, and how many runs failed since that success.
  ///
  /// - Complexity: O(n) in the catalog's runs.
  public func runHistories() throws(BackupError) -> [Int64: RunHistory] {
    try read("reading run histories") { db in
      var result: [Int64: RunHistory] = [:]
      for row in try Row.fetchAll(
        db,
        sql: "SELECT * FROM backups WHERE schedule_id IS NOT NULL AND status NOT IN ('SKIPPED', 'RUNNING') ORDER BY id DESC")
      {
        let record = Self.backup(row)
        guard let schedule = record.scheduleID else { continue }
        var history = result[schedule] ?? RunHistory()
        if history.lastRun == nil { history.lastRun = record }
        if history.lastSuccess == nil {
          if record.status == .succeeded || record.status == .corrupt {
            history.lastSuccess = record
          } else {
            history.consecutiveFailures += 1
          }
        }
        result[schedule] = history
      }
      return result
    }
  }

  /// A schedule's run history (see ``runHistories()``).
  public struct RunHistory: Hashable, Sendable {
    /// The latest finished run.
    public var lastRun: BackupRecord?
    /// The latest verified run.
    public var lastSuccess: BackupRecord?
    /// Runs that failed after ``lastSuccess``.
    public var consecutiveFailures = 0
  }

  // MARK: - Restores

  /// Records a restore starting.
  public func beginRestore(backupID: Int64, target: String, at now: Int64) throws(BackupError) -> Int64 {
    try write("recording a restore") { db in
      try db.execute(
        sql: "INSERT INTO restores (backup_id, target, status, started_at) VALUES (?, ?, 'RUNNING', ?)",
        arguments: [backupID, target, now])
      return db.lastInsertedRowID
    }
  }

  /// Records how a restore ended.
  public func finishRestore(id: Int64, status: BackupStatus, reason: String?, at now: Int64) throws(BackupError) {
    try write("recording a restore's end") { db in
      try db.execute(
        sql: "UPDATE restores SET status = ?, reason = ?, finished_at = ? WHERE id = ?",
        arguments: [status.rawValue, reason, now, id])
    }
  }

  /// Restores, newest first.
  public func restores() throws(BackupError) -> [RestoreRecord] {
    try read("listing restores") { db in
      try Row.fetchAll(db, sql: "SELECT * FROM restores ORDER BY id DESC").map { row in
        RestoreRecord(
          id: row["id"], backupID: row["backup_id"], target: row["target"],
          status: BackupStatus(rawValue: row["status"]) ?? .failed, reason: row["reason"],
          startedAt: row["started_at"], finishedAt: row["finished_at"])
      }
    }
  }

  // MARK: - Events

  /// Appends a decision to the shared log.
  public func log(_ message: String, schedule: String?, at now: Int64) throws(BackupError) {
    try write("logging an event") { db in
      try db.execute(sql: "INSERT INTO events (at, schedule, message) VALUES (?, ?, ?)", arguments: [now, schedule, message])
      // Keep the log bounded.
      try db.execute(sql: "DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - 5000")
    }
  }

  /// Events after `id`, oldest first, at most `limit`.
  public func events(after id: Int64 = 0, limit: Int = 200) throws(BackupError) -> [BackupEvent] {
    try read("reading events") { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM (SELECT * FROM events WHERE id > ? ORDER BY id DESC LIMIT ?) ORDER BY id",
        arguments: [id, limit]
      ).map { row in BackupEvent(id: row["id"], at: row["at"], schedule: row["schedule"], message: row["message"]) }
    }
  }
}
