import GRDB
import Model

/// The catalog of schedules, backups, restores and scheduler events: an SQLite file
/// (`<data>/catalog.sqlite`, WAL mode, `synchronous=FULL`) that the console, the scheduler
/// daemon and cron one-shots read and write at once; SQLite's locking serializes them.
///
/// Slot uniqueness is a database rule: one `RUNNING`, `SUCCEEDED` or `FAILED` backup per
/// (schedule, slot), so a slot runs at most once whichever process gets there (rule R2).
///
/// Backup paths are stored relative to their backup root (see ``BackupRecord/backupRoot``),
/// so a data directory that is moved or copied reads its own backups, never the original's.
/// Opened read-only, the catalog refuses every write with ``BackupError`` `readOnly`.
public final class BackupCatalog: Sendable {
  /// The catalog file's name inside the data directory.
  public static let fileName = "catalog.sqlite"
  /// The catalog file.
  public let path: String
  /// Whether every write is refused (the data directory is open read-only).
  public let isReadOnly: Bool
  /// The data directory's `backups`, against which paths without a root are stored.
  public let defaultBackupRoot: String
  /// The connection (serialized: one statement at a time in this process).
  let queue: DatabaseQueue

  /// Opens the catalog at `path` (creating and migrating it if needed, unless `readOnly`).
  ///
  /// - Parameter readOnly: refuse every write; a missing catalog reads as empty, and the file
  ///   is never created or migrated.
  /// - Throws: ``BackupError`` `corrupted` when the file is not a catalog (it is left as it
  ///   is), else `catalog`.
  public init(path: String, readOnly: Bool = false) throws(BackupError) {
    self.path = path
    self.isReadOnly = readOnly
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    defaultBackupRoot = (folder.isEmpty ? "" : folder) + "/backups"
    queue = try Self.openQueue(path: path, readOnly: readOnly, backupRoot: defaultBackupRoot)
  }

  /// An SQLite error's message, without the SQL.
  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
    return "\(error)"
  }

  /// Runs `body` in a write transaction.
  ///
  /// - Throws: ``BackupError`` `readOnly` when the catalog is read-only (nothing runs),
  ///   `corrupted` when SQLite finds the file damaged, else `catalog` naming `what`.
  func write<T>(_ what: String, _ body: (GRDB.Database) throws -> T) throws(BackupError) -> T {
    guard !isReadOnly else {
      let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
      throw BackupError(.readOnly, "the data directory \(directory) is open read-only")
    }
    do {
      return try queue.write { db in try body(db) }
    } catch let error as BackupError {
      throw error
    } catch {
      throw Self.refusal(error, path: path)
        ?? BackupError(.catalog, "backup catalog: \(what) failed: \(Self.describe(error))")
    }
  }

  /// Runs `body` in a read transaction.
  ///
  /// - Throws: ``BackupError`` `corrupted` when SQLite finds the file damaged, else `catalog`
  ///   naming `what`.
  func read<T>(_ what: String, _ body: (GRDB.Database) throws -> T) throws(BackupError) -> T {
    do {
      return try queue.read { db in try body(db) }
    } catch let error as BackupError {
      throw error
    } catch {
      throw Self.refusal(error, path: path)
        ?? BackupError(.catalog, "backup catalog: \(what) failed: \(Self.describe(error))")
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
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM schedules WHERE name = ?", arguments: [schedule.name])
      else {
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
      let taken =
        try Int.fetchOne(
          db,
          sql:
            "SELECT COUNT(*) FROM backups WHERE schedule_id = ? AND slot = ? AND status IN ('RUNNING','SUCCEEDED','FAILED','CORRUPT')",
          arguments: [schedule.id, slot]) ?? 0
      guard taken == 0 else { return nil }
      let id = try insertRow(record, db)
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
        _ = try insertRow(
          BackupRecord(
            scheduleID: schedule.id, scheduleName: schedule.name, trigger: .scheduled, slot: skip.slot,
            status: .skipped,
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
    try write("recording a skipped attempt") { db in _ = try insertRow(record, db) }
  }

  // MARK: - Events

  /// Appends a decision to the shared log.
  public func log(_ message: String, schedule: String?, at now: Int64) throws(BackupError) {
    try write("logging an event") { db in
      try db.execute(
        sql: "INSERT INTO events (at, schedule, message) VALUES (?, ?, ?)", arguments: [now, schedule, message])
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
