import CrashPointSupport
import Foundation
import Testing
@testable import VectorEngine

/// Every durability call of a workload is a crash point: each is crashed at in turn, in every
/// variant the model in `CrashModel.swift` allows (pending changes applied, dropped, names only,
/// the last write torn to a prefix or to zeros), and every state must open without repair, hold
/// every acknowledged write exactly and no half batch, and verify every listed snapshot.
struct CrashPointTests {
  /// A point whose vector and payload are exact in float and JSON, different for each `round`.
  static func point(_ id: Int, round: Int = 0) -> PointStruct {
    PointStruct(
      id: .number(UInt64(id)), vector: [Float(id), 0.25, Float(round) - 1, Float(id % 7) / 8],
      payload: ["tenant": .string("t\(id % 3)"), "n": .int(Int64(id)), "round": .int(Int64(round)), "tag": .string("p\(id)")])
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
    #expect(failed == 0, "\(label): \(report)\n\(report.failures.prefix(10).joined(separator: "\n"))", sourceLocation: sourceLocation)
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
    for batch in [Self.batch(0..<300), Self.batch(300..<600), Self.batch(600..<900), Self.batch(900..<1_200),
                  Self.batch(0..<40, round: 1), Self.batch(1_200..<1_220)] {
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
