import Foundation
import Operations
import TestSupport
import Testing
import VectorEngine
@testable import Model

/// Deleting a backup (by the operator, by retention, with its schedule, or cleaning up after an
/// interrupted run) removes only that backup's own folder inside its backup folder, whatever
/// the catalog row says: a tampered, copied or moved catalog never deletes anything else.
struct BackupDeletionSafetyTests {
  private func refusal(_ id: Int64) -> ((any Error)?) -> Bool {
    { error in
      guard let error = error as? BackupError else { return false }
      return error.kind == .corrupted && error.message.contains("backup \(id)")
    }
  }

  @Test func deleteRefusesAPathOutsideTheBackupFolder() throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let victim = try fixture.outsideFolder()
    try fixture.tamper(backup: record.id, ["path": victim + "/x.snapshot"])
    let error = #expect(throws: (any Error).self, performing: { try fixture.service.delete(id: record.id) })
    #expect(refusal(record.id)(error))
    #expect(BackupFixture.exists(victim + "/keep.txt") && BackupFixture.exists(victim + "/x.snapshot"))
    #expect(try fixture.service.catalog.backup(id: record.id).deletedAt == nil)
  }

  @Test(arguments: ["../../outside/victim/x.snapshot", "..", "../..", ".", "/", "", "../../outside/victim/"])
  func deleteRefusesAPathThatLeavesTheBackupFolder(_ tampered: String) throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let victim = try fixture.outsideFolder()
    try fixture.tamper(backup: record.id, ["path": tampered])
    let error = #expect(throws: (any Error).self, performing: { try fixture.service.delete(id: record.id) })
    #expect(refusal(record.id)(error))
    #expect(BackupFixture.exists(victim + "/keep.txt"))
    #expect(
      BackupFixture.exists(fixture.data + "/catalog.sqlite") && BackupFixture.exists(fixture.data + "/collections/docs")
    )
    let archive = try #require(record.path)
    #expect(BackupFixture.exists(archive))
  }

  @Test(arguments: ["/", "..", "outside", "/outside/victim/.."])
  func deleteRefusesATamperedBackupRoot(_ tamperedRoot: String) throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let victim = try fixture.outsideFolder()
    let root = tamperedRoot.hasPrefix("/") && tamperedRoot != "/" ? fixture.directory.path + tamperedRoot : tamperedRoot
    try fixture.tamper(backup: record.id, ["root": root, "path": "victim/x.snapshot"])
    let error = #expect(throws: (any Error).self, performing: { try fixture.service.delete(id: record.id) })
    #expect(refusal(record.id)(error))
    #expect(BackupFixture.exists(victim + "/keep.txt"))
  }

  @Test func deleteRefusesABackupFolderReplacedByASymbolicLink() throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let archive = try #require(record.path)
    let folder = URL(fileURLWithPath: archive).deletingLastPathComponent().path
    let name = URL(fileURLWithPath: archive).lastPathComponent
    // Outside: a folder holding only files named like the backup's, reached through a link
    // that takes the backup folder's place.
    let victim = fixture.directory.path + "/outside/linked"
    try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
    try Data("precious".utf8).write(to: URL(fileURLWithPath: victim + "/" + name))
    try FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createSymbolicLink(atPath: folder, withDestinationPath: victim)
    let error = #expect(throws: (any Error).self, performing: { try fixture.service.delete(id: record.id) })
    #expect(refusal(record.id)(error))
    #expect(BackupFixture.exists(victim + "/" + name))
  }

  @Test func deleteRefusesAFolderHoldingFilesThatAreNotTheBackups() throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let archive = try #require(record.path)
    let folder = URL(fileURLWithPath: archive).deletingLastPathComponent().path
    try Data("an operator's note".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    let error = #expect(throws: (any Error).self, performing: { try fixture.service.delete(id: record.id) })
    #expect(refusal(record.id)(error))
    #expect(BackupFixture.exists(folder + "/notes.txt") && BackupFixture.exists(archive))
  }

  @Test func deleteRemovesTheBackupFolderAndNothingElse() throws {
    let fixture = try BackupFixture()
    let cold = fixture.directory.path + "/cold"
    let first = try fixture.service.backupNow(collection: "docs", backupDirectory: cold, target: fixture.target)
    // Same minute and second: the second backup's folder gets its id as a suffix.
    let second = try fixture.service.backupNow(collection: "docs", backupDirectory: cold, target: fixture.target)
    let firstArchive = try #require(first.path)
    let secondArchive = try #require(second.path)
    #expect(secondArchive.contains("-\(second.id)/"))
    let deleted = try fixture.service.delete(id: second.id)
    #expect(deleted.deletedAt != nil)
    #expect(!BackupFixture.exists(URL(fileURLWithPath: secondArchive).deletingLastPathComponent().path))
    #expect(BackupFixture.exists(firstArchive) && BackupFixture.exists(cold))
    _ = try fixture.service.delete(id: first.id)
    #expect(try FileManager.default.contentsOfDirectory(atPath: cold).isEmpty)
  }

  @Test func anInterruptedRunWithATamperedPathIsFailedAndNothingOutsideIsDeleted() throws {
    let fixture = try BackupFixture()
    let victim = try fixture.outsideFolder()
    let left = try fixture.service.catalog.insert(
      BackupRecord(
        scheduleID: nil, scheduleName: nil, trigger: .manual, slot: nil, status: .running, collection: "docs",
        startedAt: BackupFixture.start - 60))
    try fixture.tamper(backup: left.id, ["path": victim + "/"])
    let log = LogLines()
    let service = try fixture.service(log: log)
    _ = try service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    #expect(BackupFixture.exists(victim + "/keep.txt"))
    let record = try service.catalog.backup(id: left.id)
    #expect(record.status == .failed)
    #expect(log.all.contains { $0.contains("backup \(left.id)") && $0.contains("not a backup folder") })
  }

  @Test func deletingAScheduleWithItsBackupsRefusesATamperedPath() throws {
    let fixture = try BackupFixture()
    try fixture.service.setSchedule(
      name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: "docs", retentionDays: 3,
      minimumKeep: 2, deadline: nil, backupDirectory: nil)
    fixture.clock.set(1_700_013_660)  // 2023-11-15 02:01 UTC, one minute after the first slot
    guard
      case .succeeded(let record) = fixture.service.runDue(openTarget: { () throws(StoreError) in fixture.target })
        .outcomes.first?.outcome
    else { Issue.record("expected a scheduled backup"); return }
    let victim = try fixture.outsideFolder()
    try fixture.tamper(backup: record.id, ["path": victim + "/x.snapshot"])
    let error = #expect(
      throws: (any Error).self, performing: { try fixture.service.deleteSchedule("nightly", deletingBackups: true) })
    #expect(refusal(record.id)(error))
    #expect(BackupFixture.exists(victim + "/keep.txt"))
  }

  @Test func aCopiedDataDirectoryDeletesOnlyItsOwnBackups() throws {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let original = try #require(record.path)
    let copy = fixture.directory.path + "/copy"
    let cp = Process()
    cp.executableURL = URL(fileURLWithPath: "/bin/cp")
    cp.arguments = ["-a", fixture.data, copy]
    try cp.startWatched().wait()
    try #require(cp.terminationStatus == 0)
    let copied = try fixture.service(on: copy)
    let inCopy = try #require(try copied.catalog.backup(id: record.id).path)
    #expect(inCopy.hasPrefix(copy + "/backups/"))
    _ = try copied.delete(id: record.id)
    #expect(!BackupFixture.exists(inCopy))
    #expect(BackupFixture.exists(original))
  }

  @Test func catalogsWrittenWithAbsolutePathsAreReadRelativeToTheirBackupFolder() throws {
    let fixture = try BackupFixture()
    let kept = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    let original = try #require(record.path)
    let keptArchive = try #require(kept.path)
    // Turn the catalog back into the first format: absolute paths, no root column.
    try fixture.execute(
      """
      ALTER TABLE backups DROP COLUMN root;
      DELETE FROM grdb_migrations WHERE identifier != 'v1';
      UPDATE backups SET path = '\(fixture.data)/backups/' || path WHERE path IS NOT NULL;
      """)
    // A copy made then (cp -a) still names the original's folders.
    let copy = fixture.directory.path + "/copy"
    let cp = Process()
    cp.executableURL = URL(fileURLWithPath: "/bin/cp")
    cp.arguments = ["-a", fixture.data, copy]
    try cp.startWatched().wait()
    try #require(cp.terminationStatus == 0)
    let copied = try fixture.service(on: copy)
    let inCopy = try #require(try copied.catalog.backup(id: record.id).path)
    #expect(inCopy == copy + String(original.dropFirst(fixture.data.count)))
    _ = try copied.delete(id: record.id)
    #expect(!BackupFixture.exists(inCopy) && BackupFixture.exists(original))
    // The original reads its own rows the same way.
    let reopened = try fixture.service(on: fixture.data)
    #expect(try reopened.catalog.backup(id: kept.id).path == keptArchive)
    _ = try reopened.delete(id: record.id)
    #expect(!BackupFixture.exists(original) && BackupFixture.exists(keptArchive))
  }

  @Test func aBackupNeverWritesIntoOrRemovesAFolderItDidNotCreate() throws {
    let fixture = try BackupFixture()
    // Folders a previous catalog left with this run's names (plain and with id 1).
    let name = fixture.service.defaultBackupDirectory + "/manual-20231114T221320Z"
    for folder in [name, name + "-1"] {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try Data("an older backup".utf8).write(to: URL(fileURLWithPath: folder + "/keep.txt"))
    }
    fixture.target.failCreate = true
    #expect(throws: BackupError.self) {
      try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    }
    #expect(BackupFixture.exists(name + "/keep.txt") && BackupFixture.exists(name + "-1/keep.txt"))
    #expect(try fixture.service.catalog.backup(id: 1).reason?.contains("already exists") == true)
  }
}
