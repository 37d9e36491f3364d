import Foundation
import Operations
import Testing
import VectorEngine
@testable import Model

/// What a run says when another process has the data directory open: only what it knows.
struct BackupLockMessageTests {
  @Test func aHeldDataDirectoryIsReportedWithoutGuessingWhatTheHolderRuns() throws {
    let fixture = try BackupFixture()
    try fixture.service.setSchedule(
      name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: "docs", retentionDays: 3,
      minimumKeep: 2, deadline: nil, backupDirectory: nil)
    fixture.clock.set(1_700_013_660)  // one minute after the first slot: due
    let held = "data directory \(fixture.data) is in use by pid 4242"
    let report = fixture.service.runDue(openTarget: { () throws(StoreError) in throw StoreError(.locked, held) })
    #expect(report.exitCode == 3)
    guard case .locked(let message) = try #require(report.outcomes.first?.outcome) else {
      Issue.record("expected the slot to be reported locked")
      return
    }
    #expect(message.contains(held))
    #expect(!message.contains("scheduler"))
    // Nothing was recorded for the slot: a later run within the deadline can still take it.
    #expect(try fixture.service.catalog.backups().isEmpty)
  }

  @Test func aHolderThatRunsASchedulerIsSaidToRunIt() throws {
    let fixture = try BackupFixture()
    try fixture.service.setSchedule(
      name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: "docs", retentionDays: 3,
      minimumKeep: 2, deadline: nil, backupDirectory: nil)
    fixture.clock.set(1_700_013_660)
    // This process holds the data directory (the fixture's store) and announces a scheduler,
    // as the console does.
    let marker = try #require(fixture.service.announceScheduler())
    let pid = ProcessInfo.processInfo.processIdentifier
    let held = "data directory \(fixture.data) is in use by pid \(pid)"
    let report = try fixture.service(on: fixture.data).runDue(openTarget: { () throws(StoreError) in
      throw StoreError(.locked, held)
    })
    withExtendedLifetime(marker) {}
    guard case .locked(let message) = try #require(report.outcomes.first?.outcome) else {
      Issue.record("expected the slot to be reported locked")
      return
    }
    #expect(message.hasPrefix(held) && message.contains("runs its own backup scheduler"))
  }
}
