import CrashPointSupport
import Foundation
import Operations
import Testing
@testable import VectorEngine
@testable import Model

/// A scheduled backup with retention, crashed at every durability call: after each crash the
/// data directory opens without repair with every acknowledged write, and every backup the
/// catalog lists as SUCCEEDED (and not deleted) is there and verifies.
struct BackupCrashPointTests {
  private let day: Int64 = 86_400
  /// A fixed midnight (2023-11-15 UTC): nothing here depends on today's date.
  private let firstDay: Int64 = 1_700_006_400

  private static func points(_ ids: Range<Int>, round: Int) -> [PointStruct] {
    ids.map {
      PointStruct(
        id: .number(UInt64($0)), vector: [Float($0), 1, Float(round), 0.5],
        payload: ["n": .int(Int64($0)), "round": .int(Int64(round))])
    }
  }

  @Test func backupsWithRetentionSurviveACrashAtEveryCall() throws {
    let scratch = try CrashScratchDirectory()
    let data = scratch.path + "/data"
    let clock = ManualClock(firstDay)
    var backend: EmbeddedBackend? = try EmbeddedBackend(directory: data)
    try backend!.createCollection("docs", config: CollectionConfig(dimension: 4, distance: .dot, segmentPoints: 12))
    var content = DatabaseContent().creating("docs").upserting(Self.points(0..<10, round: 0), into: "docs")
    _ = try backend!.upsert(collection: "docs", points: Self.points(0..<10, round: 0))
    var service: BackupService? = try BackupService(dataDirectory: data, clock: clock)
    try service!.setSchedule(
      name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: "docs", retentionDays: 1,
      minimumKeep: 1, deadline: nil, backupDirectory: nil)

    let history = CatalogHistory(directory: data)
    let workload = try CrashWorkload(
      directory: data, start: content,
      excluding: { CatalogHistory.files.contains($0) || $0 == "catalog.sqlite-shm" || CrashModel.lockFiles($0) },
      observer: history.observe)
    for night in 1...4 {
      clock.set(firstDay + Int64(night) * day + 2 * 3_600 + 300)
      // Other tests in this process start programs, and a child that has not yet reached exec
      // holds a copy of every descriptor for a moment, the backup lock's too: each night takes
      // a fresh lock file rather than meet that copy. Lock files are not part of the model.
      try? FileManager.default.removeItem(atPath: workload.directory + "/locks/backup.lock")
      let outcome = workload.step("backup night \(night)", promising: content) {
        service!.runDue { () throws(StoreError) in backend! }.outcomes.first?.outcome
      }
      guard case .succeeded = outcome else {
        Issue.record("night \(night): \(String(describing: outcome))")
        return
      }
      let batch = Self.points(night * 10..<night * 10 + 5, round: night)
      content = content.upserting(batch, into: "docs")
      try workload.step("batch after night \(night)", promising: content) {
        _ = try backend!.upsert(collection: "docs", points: batch)
      }
    }
    history.observe(workload.count + 1)
    let deleted = try service!.catalog.backups(includingDeleted: true).filter { $0.deletedAt != nil }.count
    #expect(deleted >= 2, "retention deleted \(deleted) backups; the workload should exercise it")
    try backend!.database.close()
    backend = nil
    service = nil

    let model = try workload.finish()
    let report = CrashPointRunner.run(model, at: workload.directory) { state in
      let tree = workload.directory
      let catalogs = history.candidates(at: state.point)
      for (index, catalog) in catalogs.enumerated() {
        if index > 0 { try state.tree.write(to: tree) }
        try CatalogHistory.write(catalog, to: tree)
        try Self.checkBackups(in: tree, clock: clock)
        try EngineCrashCheck.check(directory: tree, acceptable: workload.acceptable(at: state.point))
      }
    }
    print("crash points, backup with retention: \(report)")
    let failed = report.failures.count
    #expect(failed == 0, "\(report)\n\(report.failures.prefix(10).joined(separator: "\n"))")
  }

  /// Every backup the catalog lists as SUCCEEDED and not deleted is there and verifies, with
  /// the checksum recorded when it was taken.
  private static func checkBackups(in directory: String, clock: ManualClock) throws {
    let service = try BackupService(dataDirectory: directory, clock: clock)
    let database = try Database(directory: directory, readOnly: true)
    for record in try service.catalog.backups() where record.status == .succeeded {
      guard let path = record.path else { throw CrashCheckFailure("backup \(record.id) is SUCCEEDED without a path") }
      let verified: SnapshotDescription
      do {
        verified = try database.verifySnapshotFile(at: path)
      } catch {
        throw CrashCheckFailure("backup \(record.id) is SUCCEEDED but does not verify: \(error.message)")
      }
      guard verified.sha256 == record.sha256 else {
        throw CrashCheckFailure("backup \(record.id) verifies with another checksum than the one recorded")
      }
    }
  }
}
