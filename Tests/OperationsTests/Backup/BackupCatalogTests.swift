import Foundation
import GRDB
import Operations
import Testing

/// The catalog file is the backup history: one that is not a catalog is refused and left as it
/// is, never replaced by an empty one.
struct BackupCatalogTests {
  private func refusal(naming path: String) -> ((any Error)?) -> Bool {
    { error in
      guard let error = error as? BackupError else { return false }
      return error.kind == .corrupted && error.message.contains(path)
    }
  }

  private static let notSQLite: [(String, [UInt8])] = [
    ("empty", []),
    ("text", Array(String(repeating: "these are not the pages you are looking for\n", count: 200).utf8)),
    ("a cut header", Array("SQLite format".utf8)),
    ("zeros", [UInt8](repeating: 0, count: 8_192)),
  ]

  @Test(arguments: notSQLite.map(\.0))
  func aFileThatIsNotACatalogIsRefusedAndLeftAlone(_ name: String) throws {
    let bytes = try #require(Self.notSQLite.first { $0.0 == name }?.1)
    let directory = try TemporaryDirectory()
    let path = try directory.file(BackupCatalog.fileName, bytes: bytes)
    let catalogError = #expect(throws: (any Error).self, performing: { _ = try BackupCatalog(path: path) })
    #expect(refusal(naming: path)(catalogError))
    let serviceError = #expect(
      throws: (any Error).self, performing: { _ = try BackupService(dataDirectory: directory.path) })
    #expect(refusal(naming: path)(serviceError))
    let readOnlyError = #expect(
      throws: (any Error).self, performing: { _ = try BackupService(dataDirectory: directory.path, readOnly: true) })
    #expect(refusal(naming: path)(readOnlyError))
    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
        $0.hasPrefix(BackupCatalog.fileName)
      } == [BackupCatalog.fileName])
  }

  @Test func anSQLiteDatabaseThatIsNotACatalogIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path(of: BackupCatalog.fileName)
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')")
    }
    let error = #expect(throws: (any Error).self, performing: { _ = try BackupCatalog(path: path) })
    #expect(refusal(naming: path)(error))
    let tables = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    #expect(tables == ["notes"])
  }

  @Test func aMissingCatalogIsCreatedAndKeepsWhatIsWrittenToIt() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path(of: BackupCatalog.fileName)
    let catalog = try BackupCatalog(path: path)
    try catalog.log("hello", schedule: nil, at: 1)
    let again = try BackupCatalog(path: path)
    #expect(try again.events().map(\.message) == ["hello"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.hasPrefix(".tmp-") })
  }

  @Test func anOlderCatalogReadOnlyIsReadWithoutBeingMigrated() throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    try fixture.execute(
      """
      ALTER TABLE backups DROP COLUMN root;
      DELETE FROM grdb_migrations WHERE identifier != 'v1';
      UPDATE backups SET path = '\(fixture.data)/backups/' || path WHERE path IS NOT NULL;
      """)
    let path = fixture.data + "/" + BackupCatalog.fileName
    let readOnly = try BackupCatalog(path: path, readOnly: true)
    #expect(try readOnly.backup(id: record.id).path == record.path)
    let migrations = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
    #expect(migrations == ["v1"])
  }

  @Test func processesOpeningAFreshCatalogAtOnceAllGetTheSameOne() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path(of: BackupCatalog.fileName)
    let results = ResultBox()
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      do {
        let catalog = try BackupCatalog(path: path)
        try catalog.log("opener \(index)", schedule: nil, at: Int64(index))
        results.add(nil)
      } catch {
        results.add("\(error)")
      }
    }
    #expect(results.failures.isEmpty)
    #expect(try BackupCatalog(path: path).events().count == 8)
  }
}

/// Failures collected from concurrent openers.
private final class ResultBox: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var collected: [String] = []

  func add(_ failure: String?) {
    lock.withLock { if let failure { collected.append(failure) } }
  }

  var failures: [String] { lock.withLock { collected } }
}
