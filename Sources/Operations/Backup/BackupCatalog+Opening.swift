import GRDB
import Model
import VectorEngine

// Opening the catalog file.
//
// A catalog is never created in place: a new one is built and migrated under a temporary name
// and published with `link`, which fails when the name is taken, so of several processes
// starting on a fresh data directory exactly one publishes and the others open its file. A
// catalog file is therefore never empty while it is in use, and an empty file, a file that
// is not SQLite, or an SQLite database without the catalog's migrations is damage: it is
// refused with a `corrupted` error naming it and left as it is (it holds the backup history).

extension BackupCatalog {
  /// The first 16 bytes of every SQLite database file.
  static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

  /// Opens the catalog at `path`, creating it when it is missing (unless `readOnly`).
  ///
  /// A read-only catalog that is missing, or that needs a migration, is served from memory:
  /// empty, or a migrated copy of the file; the file is never written.
  ///
  /// - Throws: ``BackupError`` `corrupted` (the file is not a catalog) or `catalog`.
  static func openQueue(path: String, readOnly: Bool, backupRoot: String) throws(BackupError)
    -> DatabaseQueue
  {
    let migrator = migrator(backupRoot: backupRoot)
    if !FileOperations.exists(path) {
      if readOnly { return try inMemory(migrator, path: path) }
      try create(path, migrator: migrator)
    }
    try checkIsSQLite(path)
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.readonly = readOnly
    if !readOnly {
      configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    }
    do {
      // WAL mode is switched on only once the file is known to be a catalog: switching
      // writes to the file.
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try queue.read { db in try checkIsCatalog(db, path: path) }
      if !readOnly {
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try migrator.migrate(queue)
        return queue
      }
      if try queue.read({ db in try migrator.hasCompletedMigrations(db) }) { return queue }
      // An older catalog read without writing: migrate a copy in memory.
      let copy = try DatabaseQueue()
      try queue.backup(to: copy)
      try migrator.migrate(copy)
      return copy
    } catch let error as BackupError {
      throw error
    } catch {
      throw refusal(error, path: path)
        ?? BackupError(.catalog, "cannot open the backup catalog \(path): \(describe(error))")
    }
  }

  /// An empty catalog in memory (a read-only look at a data directory that has none).
  private static func inMemory(_ migrator: DatabaseMigrator, path: String) throws(BackupError)
    -> DatabaseQueue
  {
    do {
      let queue = try DatabaseQueue()
      try migrator.migrate(queue)
      return queue
    } catch {
      throw BackupError(.catalog, "cannot open the backup catalog \(path): \(describe(error))")
    }
  }

  /// Builds a migrated catalog under a temporary name and publishes it as `path` unless
  /// another process published one first.
  private static func create(_ path: String, migrator: DatabaseMigrator) throws(BackupError) {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    let temporary =
      folder + "/" + BackupLayout.temporaryPrefix + name + "-"
      + String(UInt32.random(in: .min ... .max), radix: 16)
    do {
      // Created 0600 first: SQLite gives its -wal and -shm files the database file's mode.
      try FileOperations.createFileIfMissing(temporary)
      do {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabaseQueue(path: temporary, configuration: configuration)
        try migrator.migrate(queue)
        try queue.close()
      } catch {
        try? FileOperations.removeTree(temporary)
        throw BackupError(.catalog, "cannot create the backup catalog \(path): \(describe(error))")
      }
      _ = try FileOperations.publishUnlessPresent(temporary, as: path)
    } catch let error as BackupError {
      throw error
    } catch {
      throw BackupError(
        .catalog,
        "cannot create the backup catalog \(path): \((error as? StoreError)?.message ?? "\(error)")"
      )
    }
  }

  /// Refuses a file that cannot be an SQLite database, before SQLite may write to it.
  private static func checkIsSQLite(_ path: String) throws(BackupError) {
    let prefix: [UInt8]
    do {
      prefix = try FileOperations.readPrefix(path, count: sqliteHeader.count)
    } catch {
      throw BackupError(.catalog, "cannot read the backup catalog \(path): \(error.message)")
    }
    if prefix.isEmpty {
      throw corrupted(path, "the file is empty")
    }
    guard prefix == sqliteHeader else {
      throw corrupted(path, "the file is not an SQLite database")
    }
  }

  /// Refuses an SQLite database that was not made as a catalog (no migrations recorded).
  private static func checkIsCatalog(_ db: GRDB.Database, path: String) throws {
    guard try !db.tableExists("grdb_migrations") else { return }
    throw corrupted(path, "the file is an SQLite database but not a backup catalog")
  }

  /// The `corrupted` error for a catalog file, saying what to do.
  static func corrupted(_ path: String, _ problem: String) -> BackupError {
    BackupError(
      .corrupted,
      "the backup catalog \(path) is damaged: \(problem); it was left as it is (it holds the backup history). "
        + "Restore it from a copy, or move it aside to start an empty catalog")
  }

  /// The `corrupted` error for an SQLite error that says the file is damaged, if it is one.
  static func refusal(_ error: any Error, path: String) -> BackupError? {
    guard let error = error as? DatabaseError,
      error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
    else { return nil }
    return corrupted(path, describe(error))
  }

  /// The catalog's schema, version by version.
  ///
  /// - Parameter backupRoot: the data directory's `backups`, against which `v2` rewrites the
  ///   absolute paths `v1` stored.
  /// - Returns: the migrator, `v1` and `v2` registered.
  static func migrator(backupRoot: String) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in try db.execute(sql: schemaV1) }
    migrator.registerMigration("v2") { db in
      try db.execute(sql: "ALTER TABLE backups ADD COLUMN root TEXT")
      try relativizePaths(db, backupRoot: backupRoot)
    }
    return migrator
  }

  /// `v2`: rows stored absolute paths; they now hold `<folder>/<archive>` relative to a root
  /// (`NULL` for the data directory's `backups`).
  ///
  /// A path whose folder is in this data directory's `backups` (its own, or a moved or
  /// copied directory's) becomes relative to it; one in its schedule's `--backup-dir` gets that
  /// root. Any other path (a copy of another data directory's catalog, a manual `--backup-dir`
  /// that cannot be confirmed) is kept as it is: it stays listed, and deleting it is refused.
  ///
  /// - Complexity: O(rows with a path).
  private static func relativizePaths(_ db: GRDB.Database, backupRoot: String) throws {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT backups.id AS id, backups.path AS path, schedules.backup_directory AS directory
        FROM backups LEFT JOIN schedules ON schedules.id = backups.schedule_id WHERE backups.path IS NOT NULL
        """)
    for row in rows {
      let path: String = row["path"]
      var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      guard parts.count >= 3 else { continue }
      let archive = parts.removeLast()
      let folder = parts.removeLast()
      guard !folder.isEmpty, folder != ".", folder != ".." else { continue }
      let parent = parts.joined(separator: "/")
      let relative = folder + "/" + archive
      let directory: String? = row["directory"]
      let root: String?
      if parent == backupRoot || FileOperations.exists(backupRoot + "/" + folder) {
        root = nil
      } else if let directory, BackupLayout.checkedRoot(directory) == parent {
        root = parent
      } else {
        continue
      }
      try db.execute(
        sql: "UPDATE backups SET path = ?, root = ? WHERE id = ?",
        arguments: [relative, root, row["id"] as Int64])
    }
  }

  /// The first schema.
  private static let schemaV1 = """
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
    """
}
