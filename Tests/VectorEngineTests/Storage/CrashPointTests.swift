import CrashPointSupport
import Foundation
import Testing
@testable import VectorEngine
@testable import Model

/// Every durability call of a workload is a crash point: each is crashed at in turn, in every
/// variant the model in `CrashModel.swift` allows (pending changes applied, dropped, names only,
/// the last write torn to a prefix or to zeros), and every state must open without repair, hold
/// every acknowledged write exactly and no half batch, and verify every listed snapshot.
struct CrashPointTests {
  /// A point whose vector and payload are exact in float and JSON, different for each `round`.
  static func point(_ id: Int, round: Int = 0) -> PointStruct {
    PointStruct(
      id: .number(UInt64(id)), vector: [Float(id), 0.25, Float(round) - 1, Float(id % 7) / 8],
      payload: [
        "tenant": .string("t\(id % 3)"), "n": .int(Int64(id)), "round": .int(Int64(round)), "tag": .string("p\(id)"),
      ])
  }

  /// Points `ids` of round `round`.
  static func batch(_ ids: some Sequence<Int>, round: Int = 0) -> [PointStruct] {
    ids.map { point($0, round: round) }
  }

  /// A configuration that seals every 12 points, so a few batches write segments.
  static let smallSegments = CollectionConfig(dimension: 4, distance: .dot, segmentPoints: 12)

  /// Runs the checks on every crash state of `workload`, at its directory.
  static func checkEveryCrashPoint(
    _ workload: CrashWorkload<DatabaseContent>, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let model = try workload.finish()
    let report = CrashPointRunner.run(model, at: workload.directory) { state in
      try EngineCrashCheck.check(directory: workload.directory, acceptable: workload.acceptable(at: state.point))
    }
    print("crash points, \(label): \(report)")
    let failed = report.failures.count
    #expect(
      failed == 0, "\(label): \(report)\n\(report.failures.prefix(10).joined(separator: "\n"))",
      sourceLocation: sourceLocation)
  }

  @Test func ingestSurvivesACrashAtEveryCall() throws {
    let scratch = try CrashScratchDirectory()
    let data = scratch.path + "/data"
    // The data directory's own folders are made while recording: an acknowledged collection
    // must not be lost with a folder whose name was never made durable.
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
    let workload = try CrashWorkload(directory: data, start: DatabaseContent())
    var database: Database? = try Database(directory: workload.directory)
    var content = DatabaseContent().creating("docs")
    let collection = try workload.step("create", promising: content) {
      try database!.createCollection("docs", config: Self.smallSegments)
    }
    // One batch, then the index (which seals first), then batches that seal twice; the sixth
    // rewrites two points of a sealed segment, so a deletion file is written.
    let batches = [
      Self.batch(0..<5), Self.batch(5..<10), Self.batch(10..<15), Self.batch(15..<20),
      Self.batch(20..<25), Self.batch([6, 7, 25, 26, 27], round: 1), Self.batch(28..<33),
      Self.batch(33..<36),
    ]
    for (number, batch) in batches.enumerated() {
      content = content.upserting(batch, into: "docs")
      try workload.step("batch \(number)", promising: content) { try collection.upsert(batch) }
      if number == 0 {
        try workload.step("index", promising: content) {
          try collection.createPayloadIndex(field: "tenant", type: .keyword)
        }
      }
    }
    try database!.close()
    database = nil
    try Self.checkEveryCrashPoint(workload, "ingest")
  }

  @Test func aSnapshotTakenWhileWritesContinueSurvivesACrashAtEveryCall() throws {
    let scratch = try CrashScratchDirectory()
    let data = scratch.path + "/data"
    var database: Database? = try Database(directory: data)
    var content = DatabaseContent().creating("docs").upserting(Self.batch(0..<20), into: "docs")
    let collection = try database!.createCollection("docs", config: Self.smallSegments)
    try collection.createPayloadIndex(field: "tenant", type: .keyword)
    try collection.upsert(Self.batch(0..<20))
    // While the snapshot copies its files, two batches are written: the second seals, and it
    // rewrites points of the segments being copied.
    let duringCopy = [Self.batch(20..<26), Self.batch([2, 3, 13, 26, 27, 28], round: 1)]
    let trigger = CrashTrigger { operation in
      if case .write(_, let path, _, _) = operation { return path.contains("/snapshots/docs/.tmp-") }
      return false
    }
    let workload = try CrashWorkload(directory: data, start: content, observer: trigger.observe)
    let frozen = content
    trigger.arm { [content] in
      var during = content
      for (number, batch) in duringCopy.enumerated() {
        during = during.upserting(batch, into: "docs")
        do {
          try workload.step("batch \(number) during the snapshot", promising: during) { try collection.upsert(batch) }
        } catch {
          Issue.record(error)
        }
      }
    }
    for batch in duringCopy { content = content.upserting(batch, into: "docs") }
    let snapshot = try workload.step("snapshot", { try database!.createSnapshot(of: "docs") }) {
      content.keeping(snapshot: $0.path, in: workload.directory)
    }
    content = content.keeping(snapshot: snapshot.path, in: workload.directory)
    content = content.upserting(Self.batch(29..<33), into: "docs")
    try workload.step("batch after the snapshot", promising: content) { try collection.upsert(Self.batch(29..<33)) }
    content = content.aliasing("latest", to: "docs")
    try workload.step("alias", promising: content) { try database!.createAlias("latest", for: "docs") }
    try workload.step("full snapshot", { try database!.createFullSnapshot() }) {
      content.keeping(snapshot: $0.path, in: workload.directory)
    }
    workload.stop()
    #expect(workload.steps.count == 6, "the batches during the snapshot did not run inside it")
    // The snapshot holds the collection as it was frozen, before the batches written meanwhile.
    let restored = try database!.restoreSnapshot(snapshot.name, of: "docs", as: "restored")
    #expect(restored.pointsCount == frozen.collections["docs"]?.count)
    try database!.close()
    database = nil
    try Self.checkEveryCrashPoint(workload, "snapshot during ingest")
  }

  @Test func optimizeSurvivesACrashAtEveryCall() throws {
    let scratch = try CrashScratchDirectory()
    let data = scratch.path + "/data"
    var database: Database? = try Database(directory: data)
    // Four sealed segments of 300 points, 40 of the first rewritten (its deletion file), and
    // 20 unsealed: the merged segment has more than 1,000 points, so it gets a graph.
    let config = CollectionConfig(dimension: 4, distance: .dot, segmentPoints: 300)
    let collection = try database!.createCollection("docs", config: config)
    try collection.createPayloadIndex(field: "tenant", type: .keyword)
    var content = DatabaseContent().creating("docs")
    for batch in [
      Self.batch(0..<300), Self.batch(300..<600), Self.batch(600..<900), Self.batch(900..<1_200),
      Self.batch(0..<40, round: 1), Self.batch(1_200..<1_220),
    ] {
      try collection.upsert(batch)
      content = content.upserting(batch, into: "docs")
    }
    let workload = try CrashWorkload(directory: data, start: content)
    try workload.step("optimize", promising: content) { try collection.optimize() }
    #expect(try collection.info().segmentsCount == 1)
    content = content.upserting(Self.batch(1_220..<1_225), into: "docs")
    try workload.step("batch after optimize", promising: content) { try collection.upsert(Self.batch(1_220..<1_225)) }
    try database!.close()
    database = nil
    try Self.checkEveryCrashPoint(workload, "optimize")
  }

  @Test func aRestoreOverAnExistingCollectionSurvivesACrashAtEveryCall() throws {
    let scratch = try CrashScratchDirectory()
    let data = scratch.path + "/data"
    var database: Database? = try Database(directory: data)
    let collection = try database!.createCollection("docs", config: Self.smallSegments)
    try collection.createPayloadIndex(field: "tenant", type: .keyword)
    try collection.upsert(Self.batch(0..<15))
    let snapshot = try database!.createSnapshot(of: "docs")
    let old = DatabaseContent().creating("docs").upserting(Self.batch(0..<15), into: "docs")
    // The live collection moves on: a rewrite, new points, one more segment (fewer than 30 % of
    // the first segment rewritten, so no background optimization runs meanwhile).
    try collection.upsert(Self.batch(5..<8, round: 1) + Self.batch(15..<25))
    var content = old.upserting(Self.batch(5..<8, round: 1) + Self.batch(15..<25), into: "docs")
    let workload = try CrashWorkload(directory: data, start: content)
    content = content.replacing("copy", with: old, from: "docs")
    try workload.step("restore as a new collection", promising: content) {
      _ = try database!.restoreSnapshot(snapshot.name, of: "docs", as: "copy")
    }
    content = content.replacing("docs", with: old, from: "docs")
    try workload.step("restore over docs", promising: content) {
      _ = try database!.restoreSnapshot(snapshot.name, of: "docs", replace: true)
    }
    let restored = try database!.collection("docs")
    content = content.upserting(Self.batch(30..<34), into: "docs")
    try workload.step("batch after the restore", promising: content) { try restored.upsert(Self.batch(30..<34)) }
    try database!.close()
    database = nil
    try Self.checkEveryCrashPoint(workload, "restore")
  }
}
