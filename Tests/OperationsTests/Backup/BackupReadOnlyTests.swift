import Foundation
import Operations
import Testing
import VectorEngine
@testable import Model

/// A service opened read-only (`--read-only`) changes nothing: no file, no catalog row, no
/// schedule; every change is refused with the same `readOnly` error.
struct BackupReadOnlyTests {
  private func isReadOnlyError(_ error: (any Error)?) -> Bool {
    guard let error = error as? BackupError else { return false }
    return error.kind == .readOnly && error.message.contains("read-only")
  }

  /// The catalog's rows and the files under the data directory, to compare before and after.
  private func state(_ fixture: BackupFixture) throws -> [String] {
    let rows = try fixture.service.catalog.backups(includingDeleted: true).map { "\($0)" }
    let schedules = try fixture.service.catalog.schedules().map { "\($0)" }
    let events = try fixture.service.catalog.events().map(\.message)
    let files = (FileManager.default.enumerator(atPath: fixture.data)?.allObjects as? [String] ?? [])
      .filter { !$0.hasPrefix("catalog.sqlite") }.sorted()
    return rows + schedules + events + files
  }

  private func fixtureWithABackupAndASchedule() throws -> (BackupFixture, BackupRecord) {
    let fixture = try BackupFixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    try fixture.service.setSchedule(
      name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: "docs", retentionDays: 3,
      minimumKeep: 2, deadline: nil, backupDirectory: nil)
    return (fixture, record)
  }

  @Test func everyChangeIsRefused() throws {
    let (fixture, record) = try fixtureWithABackupAndASchedule()
    let readOnly = try fixture.service(readOnly: true)
    let before = try state(fixture)
    let attempts: [(String, () throws -> Void)] = [
      ("backup delete", { _ = try readOnly.delete(id: record.id) }),
      ("backup now", { _ = try readOnly.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target) }),
      (
        "backup restore",
        { _ = try readOnly.restore(id: record.id, as: "copy", replace: false, target: fixture.target) }
      ),
      (
        "schedule set",
        {
          try readOnly.setSchedule(
            name: "hourly", spec: try ScheduleSpec(.every(seconds: 3_600)), collection: nil, retentionDays: 1,
            minimumKeep: 2,
            deadline: nil, backupDirectory: nil)
        }
      ),
      ("schedule pause", { try readOnly.pause("nightly") }),
      ("schedule resume", { try readOnly.resume("nightly") }),
      ("schedule delete", { try readOnly.deleteSchedule("nightly", deletingBackups: false) }),
      ("schedule delete --delete-backups", { try readOnly.deleteSchedule("nightly", deletingBackups: true) }),
    ]
    for (name, attempt) in attempts {
      let error = #expect(throws: (any Error).self, "\(name)", performing: attempt)
      #expect(isReadOnlyError(error), "\(name)")
    }
    #expect(try state(fixture) == before)
  }

  @Test func aDueScheduleIsNotRunAndTheRunSaysWhy() throws {
    let (fixture, _) = try fixtureWithABackupAndASchedule()
    let readOnly = try fixture.service(readOnly: true)
    let before = try state(fixture)
    fixture.clock.set(1_700_013_660)  // one minute after the first slot: due
    let report = readOnly.runDue(openTarget: { () throws(StoreError) in fixture.target })
    #expect(report.exitCode == 1)
    #expect(report.refused?.kind == .readOnly)
    #expect(try state(fixture) == before)
  }

  @Test func verifyChecksButMarksNothing() throws {
    let (fixture, record) = try fixtureWithABackupAndASchedule()
    let readOnly = try fixture.service(readOnly: true)
    #expect(try readOnly.verify(id: record.id, target: fixture.target).status == .succeeded)
    let archive = try #require(record.path)
    let handle = try #require(FileHandle(forUpdatingAtPath: archive))
    try handle.seek(toOffset: 1_600)
    handle.write(Data([0xFF, 0xEE]))
    try handle.close()
    #expect(throws: BackupError.self) { try readOnly.verify(id: record.id, target: fixture.target) }
    #expect(try fixture.service.catalog.backup(id: record.id).status == .succeeded)
  }

  @Test func openingAFreshDataDirectoryCreatesNothing() throws {
    let directory = try TemporaryDirectory()
    let data = directory.path + "/data"
    _ = try EmbeddedBackend(directory: data)  // a data directory without a backup catalog
    let before = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
    let service = try BackupService(dataDirectory: data, readOnly: true)
    #expect(try service.catalog.backups().isEmpty && service.scheduleStatuses().isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: data).sorted() == before)
  }
}
