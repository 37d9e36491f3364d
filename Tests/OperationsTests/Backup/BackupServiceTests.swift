import Foundation
import Operations
import Testing
import VectorEngine
@testable import Model

/// A store whose snapshot or verification can be made to fail, around the real engine.
final class FlakyTarget: BackupTarget {
  let backend: EmbeddedBackend
  var failCreate = false
  var failVerify = false
  private(set) var creates = 0

  init(_ backend: EmbeddedBackend) {
    self.backend = backend
  }

  func createSnapshot(_ collection: String, in directory: String?) throws(StoreError) -> SnapshotDescription {
    creates += 1
    if failCreate { throw StoreError(.diskFull, "disk full (injected)") }
    return try backend.createSnapshot(collection, in: directory)
  }

  func createFullSnapshot(in directory: String?) throws(StoreError) -> SnapshotDescription {
    creates += 1
    if failCreate { throw StoreError(.diskFull, "disk full (injected)") }
    return try backend.createFullSnapshot(in: directory)
  }

  func verifySnapshotFile(at path: String) throws(StoreError) -> SnapshotDescription {
    if failVerify { throw StoreError(.corrupted, "checksum mismatch (injected)") }
    return try backend.verifySnapshotFile(at: path)
  }

  func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) throws(StoreError) -> [CollectionInfo] {
    try backend.restoreSnapshotFile(at: path, as: target, replace: replace)
  }
}

/// The backup service on a real data directory and an injected clock: every rule end to end.
struct BackupServiceTests {
  private let day: Int64 = 86_400
  /// The UTC midnight that starts the test's day on the real clock: the injected clock starts
  /// there, so the rules are checked on today's dates whatever today is.
  private let firstDay = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
  private var start: Int64 { at(0, 12) }
  private func at(_ days: Int64, _ hour: Int64, _ minute: Int64 = 0) -> Int64 {
    firstDay + days * day + hour * 3_600 + minute * 60
  }

  private struct Fixture {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let service: BackupService
    let target: FlakyTarget
  }

  private func fixture() throws -> Fixture {
    let directory = try TemporaryDirectory()
    let clock = ManualClock(start)
    let backend = try EmbeddedBackend(directory: directory.path + "/data")
    try backend.createCollection("docs", config: CollectionConfig(dimension: 4, distance: .cosine))
    _ = try backend.upsert(
      collection: "docs",
      points: (1...20).map {
        PointStruct(id: .number(UInt64($0)), vector: [Float($0), 1, 2, 3], payload: ["n": .int(Int64($0))])
      })
    let service = try BackupService(dataDirectory: directory.path + "/data", clock: clock)
    return Fixture(directory: directory, clock: clock, service: service, target: FlakyTarget(backend))
  }

  private func nightly(_ fixture: Fixture, retentionDays: Int? = 3, minimumKeep: Int = 2) throws {
    try fixture.service.setSchedule(
      name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: "docs",
      retentionDays: retentionDays,
      minimumKeep: minimumKeep, deadline: nil, backupDirectory: nil)
  }

  private func run(_ fixture: Fixture) -> BackupRunReport.Outcome? {
    fixture.service.runDue { () throws(StoreError) in fixture.target }.outcomes.first?.outcome
  }

  private func backups(_ fixture: Fixture, status: BackupStatus? = nil) throws -> [BackupRecord] {
    try fixture.service.catalog.backups().filter { status == nil || $0.status == status }
  }

  @Test func aSlotRunsOnceVerifiedAndIsNeverRepeated() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.clock.set(at(1, 2, 0))
    guard case .succeeded(let record) = run(fixture) else { Issue.record("expected a run"); return }
    #expect(record.trigger == .scheduled && record.slot == at(1, 2))
    let path = try #require(record.path)
    #expect(FileManager.default.fileExists(atPath: path) && FileManager.default.fileExists(atPath: path + ".sha256"))
    // Same minute, later that day, and after a backward jump: never again (R2, R7).
    for now in [at(1, 2, 0), at(1, 9), at(1, 1)] {
      fixture.clock.set(now)
      let outcome = run(fixture)
      if case .succeeded = outcome { Issue.record("slot ran twice at \(now)") }
    }
    fixture.clock.set(at(1, 3))
    #expect(run(fixture) == .notDue(next: at(2, 2)))
    #expect(try backups(fixture, status: .succeeded).count == 1)
    #expect(fixture.target.creates == 1)
  }

  @Test func downtimeGivesOneCatchUpAndRecordsTheRest() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.clock.set(at(4, 3))  // slots of days 1-4 missed; day 4's is 1 h late
    guard case .succeeded(let record) = run(fixture) else { Issue.record("expected a catch-up"); return }
    #expect(record.trigger == .catchUp && record.slot == at(4, 2))
    let skipped = try backups(fixture, status: .skipped)
    #expect(skipped.map(\.reason) == ["missed", "missed", "missed"])
    #expect(fixture.target.creates == 1)
  }

  @Test func aHeldLockSkipsWithoutMovingTheSlotAndTheNextWakeupRunsIt() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.clock.set(at(1, 2, 1))
    let report: BackupRunReport
    do {
      let held = try fixture.service.acquireLock()
      // A second service on the same directory, as a cron one-shot would be.
      let other = try BackupService(dataDirectory: fixture.service.dataDirectory, clock: fixture.clock)
      report = other.runDue { () throws(StoreError) in fixture.target }
      withExtendedLifetime(held) {}
    }
    #expect(report.exitCode == 3)
    #expect(
      report.lockHeld?.contains("backup lock is held by pid \(ProcessInfo.processInfo.processIdentifier)") == true)
    #expect(try backups(fixture).map(\.statusText) == ["SKIPPED(overlap)"])
    fixture.clock.set(at(1, 2, 20))
    guard case .succeeded = run(fixture) else {
      Issue.record("expected the slot to run once the lock was free"); return
    }
  }

  @Test func twoServicesRacingForOneSlotRunItOnce() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.clock.set(at(1, 2))
    let schedule = try fixture.service.catalog.schedule(named: "nightly")
    let other = try BackupCatalog(path: fixture.service.dataDirectory + "/" + BackupCatalog.fileName)
    let record = BackupRecord(
      scheduleID: schedule.id, scheduleName: "nightly", trigger: .scheduled, slot: at(1, 2), status: .running,
      collection: "docs", startedAt: at(1, 2))
    #expect(try fixture.service.catalog.beginSlot(record, schedule: schedule) != nil)
    #expect(try other.beginSlot(record, schedule: schedule) == nil)
  }

  @Test func aFailedWriteIsFailedRemovesItsFilesAndRunsNoRetention() throws {
    let fixture = try fixture()
    try nightly(fixture, retentionDays: 1, minimumKeep: 1)
    fixture.clock.set(at(1, 2))
    guard case .succeeded = run(fixture) else { Issue.record("expected a first backup"); return }
    fixture.target.failCreate = true
    fixture.clock.set(at(5, 2))
    guard case .failed(let failed) = run(fixture) else { Issue.record("expected a failure"); return }
    #expect(failed.reason?.contains("disk full") == true)
    #expect(failed.path == nil)
    // Retention did not run after the failure: the old verified backup is still there.
    #expect(try backups(fixture, status: .succeeded).count == 1)
    let folders = try FileManager.default.contentsOfDirectory(atPath: fixture.service.defaultBackupDirectory)
    let slot = UTCTimestamp(epochSeconds: at(1, 2))
    #expect(folders == ["nightly-\(slot.rfc3339.filter { $0 != "-" && $0 != ":" }.dropLast(3))Z"])
  }

  @Test func aBackupThatDoesNotVerifyIsFailedAndExitsFour() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.target.failVerify = true
    fixture.clock.set(at(1, 2))
    let report = fixture.service.runDue { () throws(StoreError) in fixture.target }
    #expect(report.exitCode == 4)
    let record = try #require(try backups(fixture).first)
    #expect(record.status == .failed && record.reason?.hasPrefix("verification failed") == true)
  }

  @Test func retentionKeepsTheWindowAndTheNewestAfterFailures() throws {
    let fixture = try fixture()
    try nightly(fixture, retentionDays: 3, minimumKeep: 2)
    for dayNumber in Int64(1)...10 {
      fixture.clock.set(at(dayNumber, 2))
      let outcome = run(fixture)
      // Say why a day did not succeed, so a failure below is readable.
      if case .succeeded = outcome {} else { Issue.record("day \(dayNumber): \(String(describing: outcome))") }
    }
    // Ten daily backups, 3 days of retention: the backups of days 7-10 remain.
    let alive = try backups(fixture, status: .succeeded).compactMap(\.slot).sorted()
    #expect(alive == (Int64(7)...10).map { at($0, 2) })
    // Eight failed days later nothing more is deleted: retention runs only after a success.
    fixture.target.failCreate = true
    for dayNumber in Int64(11)...18 {
      fixture.clock.set(at(dayNumber, 2))
      _ = run(fixture)
    }
    #expect(try backups(fixture, status: .succeeded).count == 4)
    let failing = try #require(try fixture.service.scheduleStatuses().first)
    #expect(failing.health == "failing" && failing.consecutiveFailures == 8)
    #expect(failing.lastSuccess?.slot == at(10, 2))
    // The next success deletes all but itself and the newest older one (min keep 2).
    fixture.target.failCreate = false
    fixture.clock.set(at(19, 2))
    _ = run(fixture)
    let remaining = try backups(fixture, status: .succeeded).compactMap(\.slot).sorted()
    #expect(remaining == [at(10, 2), at(19, 2)])
    #expect(try fixture.service.scheduleStatuses().first?.health == "ok")
    let deleted = try fixture.service.catalog.backups(includingDeleted: true).filter { $0.deletedAt != nil }
    #expect(deleted.count == 9 && deleted.allSatisfy { $0.deletedBecause?.hasPrefix("retention") == true })
    for record in deleted {
      let path = try #require(record.path)
      #expect(!FileManager.default.fileExists(atPath: path))
    }
  }

  @Test func pauseResumeAndDeleteKeepBackups() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.clock.set(at(1, 2))
    _ = run(fixture)
    try fixture.service.pause("nightly")
    for dayNumber in Int64(2)...4 {
      fixture.clock.set(at(dayNumber, 2))
      #expect(run(fixture) == .paused)
    }
    #expect(try backups(fixture, status: .skipped).map(\.reason) == ["paused", "paused", "paused"])
    try fixture.service.resume("nightly")
    fixture.clock.set(at(4, 3))
    #expect(run(fixture) == .notDue(next: at(5, 2)))  // no burst on resume
    try fixture.service.deleteSchedule("nightly", deletingBackups: false)
    let kept = try backups(fixture, status: .succeeded)
    let keptPath = try #require(kept.first?.path)
    #expect(kept.count == 1 && FileManager.default.fileExists(atPath: keptPath))
    #expect(kept[0].scheduleID == nil && kept[0].scheduleName == "nightly")
  }

  @Test func deletingAScheduleWithItsBackupsRemovesTheFiles() throws {
    let fixture = try fixture()
    try nightly(fixture)
    fixture.clock.set(at(1, 2))
    guard case .succeeded(let record) = run(fixture) else { Issue.record("expected a backup"); return }
    #expect(try fixture.service.deleteSchedule("nightly", deletingBackups: true) == 1)
    let path = try #require(record.path)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func anInterruptedRunIsMarkedFailedAndItsFilesRemoved() throws {
    let fixture = try fixture()
    try nightly(fixture)
    let schedule = try fixture.service.catalog.schedule(named: "nightly")
    // What a process killed mid-write leaves: a RUNNING row and its folder with a partial
    // archive under the writer's temporary name.
    let folder =
      fixture.service.defaultBackupDirectory + "/nightly-" + UTCTimestamp(epochSeconds: at(0, 2)).compactMinuteStamp
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/.tmp-docs-2024-01-01-02-00-00.snapshot-1a2b3c", contents: Data([1, 2, 3])))
    var left = BackupRecord(
      scheduleID: schedule.id, scheduleName: "nightly", trigger: .scheduled, slot: at(0, 2), status: .running,
      collection: "docs", startedAt: at(0, 2))
    left.path = folder + "/"
    _ = try fixture.service.catalog.insert(left)
    fixture.clock.set(at(0, 15))
    _ = run(fixture)
    let record = try #require(try backups(fixture).first { $0.slot == at(0, 2) })
    #expect(record.status == .failed && record.reason?.hasPrefix("interrupted") == true)
    #expect(!FileManager.default.fileExists(atPath: folder))
  }

  @Test func aBackupOfEveryCollectionRestoresThemAllWithTheAliases() throws {
    let fixture = try fixture()
    try fixture.target.backend.createAlias("docs-live", collection: "docs")
    let record = try fixture.service.backupNow(
      collection: nil, backupDirectory: fixture.directory.path + "/cold", target: fixture.target)
    #expect(record.collection == nil && record.path?.hasPrefix(fixture.directory.path + "/cold/manual-") == true)
    _ = try fixture.target.backend.delete(collection: "docs", selector: .ids([.number(1), .number(2)]))
    try fixture.target.backend.dropAlias("docs-live")
    // Replacing live collections needs the operator's confirmation; --as does not apply.
    #expect(throws: BackupError.self) {
      try fixture.service.restore(id: record.id, as: nil, replace: false, target: fixture.target)
    }
    #expect(throws: BackupError.self) {
      try fixture.service.restore(id: record.id, as: "other", replace: true, target: fixture.target)
    }
    let restored = try fixture.service.restore(id: record.id, as: nil, replace: true, target: fixture.target)
    #expect(restored.map(\.name) == ["docs"] && restored[0].pointsCount == 20)
    #expect(try fixture.target.backend.aliases().map(\.alias) == ["docs-live"])
    #expect(try fixture.service.verify(id: record.id, target: fixture.target).status == .succeeded)
  }

  @Test func manualBackupVerifyCorruptAndRestore() throws {
    let fixture = try fixture()
    let record = try fixture.service.backupNow(collection: "docs", backupDirectory: nil, target: fixture.target)
    #expect(record.trigger == .manual && record.status == .succeeded)
    let restored = try fixture.service.restore(id: record.id, as: "docs_copy", replace: false, target: fixture.target)
    #expect(restored.map(\.name) == ["docs_copy"] && restored[0].pointsCount == 20)
    #expect(try fixture.service.catalog.restores().first?.status == .succeeded)
    // Damage the archive: verification marks it CORRUPT, and it cannot be restored.
    let path = try #require(record.path)
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    try handle.seek(toOffset: 1_600)
    handle.write(Data([0xFF, 0xEE]))
    try handle.close()
    #expect(throws: BackupError.self) { try fixture.service.verify(id: record.id, target: fixture.target) }
    #expect(try fixture.service.catalog.backup(id: record.id).status == .corrupt)
    #expect(throws: BackupError.self) {
      try fixture.service.restore(id: record.id, as: "again", replace: false, target: fixture.target)
    }
  }
}
