import Foundation
import TestSupport
import Testing
import VectorEngine
@testable import Model
import Operations

/// Kills the real binary while it takes (collection and full) and restores snapshots, then
/// checks that every listed snapshot verifies and that the live collections are intact.
struct SnapshotCrashTests {
  private func export(_ data: String, _ collection: String) throws -> String {
    let result = try RagopsBinary.run(["--data", data, "-c", "points export \(collection) --file -"])
    try #require(result.status == 0, "export of \(collection) failed: \(result.standardError)")
    return result.standardOutput
  }

  @Test func killingSnapshotCreateAndRestoreNeverLeavesABadSnapshotOrCollection() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    var lines = ""
    let seed = ReplayableSeed(for: "kill -9 during snapshots")
    var generator = seed.generator
    for id in 0..<2_000 {
      let vector = (0..<8).map { _ in Double(Float.random(in: -1...1, using: &generator)) }
      lines +=
        JSONWriter.compact([
          "id": .int(Int64(id)), "vector": .array(vector.map { .double($0) }), "payload": ["n": .int(Int64(id % 7))],
        ]) + "\n"
    }
    let points = scratch.file("points.jsonl", contents: lines)
    let setup = try RagopsBinary.run(
      ["--data", data, "--batch", "-"],
      input: """
        collection create s --dim 8 --distance dot --segment-points 700
        points upsert s --file \(points)
        snapshot create s

        """)
    try #require(setup.status == 0, "\(setup.standardError)")
    let original = try export(data, "s")
    let first = try #require(
      try RagopsBinary.run(["--data", data, "--json", "-c", "snapshot list s"]).standardOutput
        .split(separator: "\"name\":\"").dropFirst().first?.split(separator: "\"").first.map(String.init))
    // Two phases of 20 kills each: scripts that only take snapshots (collection and full), then
    // scripts that only restore, so each operation is interrupted at 20 random moments.
    let creating = String(repeating: "snapshot create s\nsnapshot create --all\n", count: 40)
    let restoring = String(repeating: "snapshot restore s \(first) --as r --yes\n", count: 6)
    for (phase, script) in [("create", creating), ("restore", restoring)] {
      var kills = 0
      for _ in 0..<20 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RagopsBinary.path)
        process.arguments = ["--data", data, "--batch", "-"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let processExit = try process.startWatched()
        input.fileHandleForWriting.write(Data(script.utf8))
        // The delay only picks the moment of the kill.
        usleep(UInt32.random(in: 2_000...300_000, using: &generator))
        kill(process.processIdentifier, SIGKILL)
        processExit.wait()
        try? input.fileHandleForWriting.close()
        if process.terminationReason == .uncaughtSignal { kills += 1 }
        try checkAfterKill(data: data, original: original, seed: seed)
      }
      #expect(kills == 20, "the \(phase) phase ended before some kills, \(seed)")
    }
  }

  /// Every listed snapshot verifies; the live collections hold exactly the original points.
  private func checkAfterKill(data: String, original: String, seed: ReplayableSeed) throws {
    let list = try RagopsBinary.run(["--data", data, "--json", "-c", "snapshot list s"])
    try #require(list.status == 0, "\(list.standardError)")
    let names = list.standardOutput.split(separator: "\"name\":\"").dropFirst().compactMap {
      $0.split(separator: "\"").first.map(String.init)
    }
    let full = try RagopsBinary.run(["--data", data, "--json", "-c", "snapshot list"])
    try #require(full.status == 0, "\(full.standardError)")
    let fullNames = full.standardOutput.split(separator: "\"name\":\"").dropFirst().compactMap {
      $0.split(separator: "\"").first.map(String.init)
    }
    let verify = try RagopsBinary.run(
      ["--data", data, "--batch", "-", "--keep-going"],
      input: names.map { "snapshot verify s \($0)\n" }.joined()
        + fullNames.map { "snapshot verify --all \($0)\n" }.joined())
    #expect(verify.status == 0, "a listed snapshot failed verification, \(seed): \(verify.standardError)")
    #expect(try export(data, "s") == original, "\(seed)")
    let collections = try RagopsBinary.run(["--data", data, "--json", "-c", "collections"]).standardOutput
    if collections.contains("\"name\":\"r\"") {
      #expect(try export(data, "r") == original, "the restored collection is incomplete, \(seed)")
    }
  }
}
