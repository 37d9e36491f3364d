import Foundation
import Operations
import Testing
import VectorEngine

@testable import ConsoleUI
@testable import Model

/// A read-only console (`ragops --read-only`) changes no backup: neither a typed
/// `:backup delete` nor the Backups page's actions.
struct EffectRunnerReadOnlyTests {
  @Test func backupChangesFromTheConsoleAreRefused() async throws {
    let directory = try TemporaryDirectory()
    let data = directory.path + "/data"
    let archive: String
    do {
      let backend = try EmbeddedBackend(directory: data)
      try backend.createCollection("docs", config: CollectionConfig(dimension: 2, distance: .dot))
      let service = try BackupService(dataDirectory: data)
      archive = try #require(try service.backupNow(collection: "docs", backupDirectory: nil, target: backend).path)
      try service.setSchedule(
        name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: nil, retentionDays: 3,
        minimumKeep: 2, deadline: nil, backupDirectory: nil)
      try backend.database.close()
    }
    let backend = try EmbeddedBackend(directory: data, readOnly: true)
    let mailbox = Mailbox()
    let runner = EffectRunner(backend: backend, gate: EngineGate(), mailbox: mailbox)
    let effects: [Effect] = [
      .runCommand("backup delete 1"), .deleteBackup(1), .backupNow(collection: nil),
      .pauseSchedule("nightly", pause: true),
      .deleteSchedule("nightly", deletingBackups: true), .restoreBackup(id: 1, target: "copy", replace: false),
    ]
    for effect in effects {
      await runner.runNow(effect)
      let posted = mailbox.drain()
      let refused = posted.contains { action in
        switch action {
        case .failed(let message, _): message.contains("is open read-only")
        case .commandFinished(_, _, let errors, let succeeded):
          !succeeded && errors.contains { $0.contains("is open read-only") }
        default: false
        }
      }
      #expect(refused, "\(effect): \(posted)")
    }
    #expect(FileManager.default.fileExists(atPath: archive))
    let statuses = try BackupService(dataDirectory: data, readOnly: true).scheduleStatuses()
    #expect(statuses.map(\.schedule.paused) == [false])
  }
}
