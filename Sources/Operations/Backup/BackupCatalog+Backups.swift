import GRDB
import Model

// Backup and restore rows.

extension BackupCatalog {
  /// The `path` and `root` columns for a record: its path relative to its root, and the root
  /// unless it is the data directory's `backups`. A path outside its root is stored as it is
  /// (an older catalog's row that could not be placed; deleting it is refused).
  func storedLocation(_ record: BackupRecord) -> (path: String?, root: String?) {
    let root = record.backupRoot == defaultBackupRoot ? nil : record.backupRoot
    guard let path = record.path else { return (nil, root) }
    let prefix = (root ?? defaultBackupRoot) + "/"
    return (path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path, root)
  }

  /// Inserts a backup row and returns its id.
  func insertRow(_ record: BackupRecord, _ db: GRDB.Database) throws -> Int64 {
    let location = storedLocation(record)
    try db.execute(
      sql: """
        INSERT INTO backups (schedule_id, schedule_name, trigger, slot, status, reason, collection, started_at,
          finished_at, duration_ms, size, sha256, path, root, deleted_at, deleted_because)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        record.scheduleID, record.scheduleName, record.trigger.rawValue, record.slot, record.status.rawValue,
        record.reason, record.collection, record.startedAt, record.finishedAt, record.durationMilliseconds,
        record.size, record.sha256, location.path, location.root, record.deletedAt, record.deletedBecause,
      ])
    return db.lastInsertedRowID
  }

  /// A backup row as a record, its path made absolute again: `<root>/<path>`, with the data
  /// directory's `backups` when the row has no root. A path that is absolute already (an
  /// older catalog's row that could not be placed, or a hand-edited one) is kept as it is.
  func backup(_ row: Row) -> BackupRecord {
    let stored: String? = row["path"]
    let root: String? = row["root"]
    let path = stored.map { $0.hasPrefix("/") ? $0 : (root ?? defaultBackupRoot) + "/" + $0 }
    return BackupRecord(
      id: row["id"], scheduleID: row["schedule_id"], scheduleName: row["schedule_name"],
      trigger: BackupTrigger(rawValue: row["trigger"]) ?? .manual, slot: row["slot"],
      status: BackupStatus(rawValue: row["status"]) ?? .failed, reason: row["reason"], collection: row["collection"],
      startedAt: row["started_at"], finishedAt: row["finished_at"], durationMilliseconds: row["duration_ms"],
      size: row["size"], sha256: row["sha256"], path: path, backupRoot: root, deletedAt: row["deleted_at"],
      deletedBecause: row["deleted_because"])
  }

  /// Inserts a backup record (a manual backup starting) and returns it with its id.
  public func insert(_ record: BackupRecord) throws(BackupError) -> BackupRecord {
    try write("recording a backup") { db in
      var stored = record
      stored.id = try insertRow(record, db)
      return stored
    }
  }

  /// Stores a backup's new state (status, sizes, paths, deletion).
  public func update(_ record: BackupRecord) throws(BackupError) {
    let location = storedLocation(record)
    try write("updating backup \(record.id)") { db in
      try db.execute(
        sql: """
          UPDATE backups SET status = ?, reason = ?, finished_at = ?, duration_ms = ?, size = ?, sha256 = ?,
            path = ?, root = ?, deleted_at = ?, deleted_because = ? WHERE id = ?
          """,
        arguments: [
          record.status.rawValue, record.reason, record.finishedAt, record.durationMilliseconds, record.size,
          record.sha256, location.path, location.root, record.deletedAt, record.deletedBecause, record.id,
        ])
    }
  }

  /// The backup with `id`.
  ///
  /// - Throws: ``BackupError`` `notFound`.
  public func backup(id: Int64) throws(BackupError) -> BackupRecord {
    let found = try read("reading backup \(id)") { db in
      try Row.fetchOne(db, sql: "SELECT * FROM backups WHERE id = ?", arguments: [id]).map { backup($0) }
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
      return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC", arguments: arguments).map { backup($0) }
    }
  }

  /// The verified, not deleted backups a schedule made (scheduled and catch-up), newest first.
  public func verifiedBackups(scheduleID: Int64) throws(BackupError) -> [BackupRecord] {
    try read("listing verified backups") { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT * FROM backups WHERE schedule_id = ? AND status = 'SUCCEEDED' AND deleted_at IS NULL AND trigger != 'manual' ORDER BY finished_at DESC, id DESC",
        arguments: [scheduleID]
      ).map { backup($0) }
    }
  }

  /// Backups left `RUNNING` (their process died: only callable under the backup lock).
  public func runningBackups() throws(BackupError) -> [BackupRecord] {
    try read("listing running backups") { db in
      try Row.fetchAll(db, sql: "SELECT * FROM backups WHERE status = 'RUNNING'").map { backup($0) }
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
        sql:
          "SELECT * FROM backups WHERE schedule_id IS NOT NULL AND status NOT IN ('SKIPPED', 'RUNNING') ORDER BY id DESC"
      ) {
        let record = backup(row)
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
}
