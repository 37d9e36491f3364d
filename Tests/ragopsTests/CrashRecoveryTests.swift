import Foundation
import TestSupport
import Testing
import VectorEngine
@testable import Model
import Operations

/// Kills the real binary with SIGKILL while it ingests and checks every acknowledged write.
struct CrashRecoveryTests {
  /// A point as the test wrote it.
  struct Written: Equatable {
    var vector: [Float]
    var payload: JSONObject
  }

  @Test func acknowledgedUpsertsSurviveKillNineAtRandomMoments() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    let setup = try RagopsBinary.run([
      "--data", data, "-c", "collection create k --dim 8 --distance dot --segment-points 400",
    ])
    try #require(setup.status == 0, "setup failed: \(setup.standardError)")
    let seed = ReplayableSeed(for: "kill -9 during upserts")
    var generator = seed.generator
    var acknowledged: [PointID: Written] = [:]
    var kills = 0
    var totalAcked = 0
    for iteration in 0..<24 {
      // Batches: fresh ids, plus overwrites of ids acknowledged earlier.
      var batches: [[PointID: Written]] = []
      var script = ""
      for file in 0..<60 {
        var batch: [PointID: Written] = [:]
        var lines = ""
        let known = Array(acknowledged.keys)
        for index in 0..<30 {
          let id: PointID =
            index < 3 && !known.isEmpty
            ? known[Int.random(in: 0..<known.count, using: &generator)]
            : .number(UInt64(iteration * 100_000 + file * 100 + index))
          let vector = (0..<8).map { _ in Float.random(in: -10...10, using: &generator) }
          let payload: JSONObject = [
            "iteration": .int(Int64(iteration)), "file": .int(Int64(file)), "tag": .string("t\(index % 5)"),
            "w": .double(Double(Float.random(in: 0...1, using: &generator))),
          ]
          batch[id] = Written(vector: vector, payload: payload)
          let record: JSONValue = [
            "id": id.json, "vector": .array(vector.map { .double(Double($0)) }), "payload": .object(payload),
          ]
          lines += JSONWriter.compact(record) + "\n"
        }
        let path = scratch.file("i\(iteration)-f\(file).jsonl", contents: lines)
        script += "points upsert k --file \(path)\n"
        batches.append(batch)
      }
      // Start ingesting, then kill at a random moment.
      let process = Process()
      process.executableURL = URL(fileURLWithPath: RagopsBinary.path)
      process.arguments = ["--data", data, "--json", "--batch", "-"]
      let input = Pipe()
      let output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      let processExit = try process.startWatched()
      input.fileHandleForWriting.write(Data(script.utf8))
      // The delay only picks the moment of the kill; the acknowledgements come from the output.
      usleep(UInt32.random(in: 2_000...1_500_000, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      processExit.wait()
      if process.terminationReason == .uncaughtSignal { kills += 1 }
      try? input.fileHandleForWriting.close()
      let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let acks = printed.split(separator: "\n").filter { $0.contains("\"status\":\"ok\"") }.count
      for batch in batches.prefix(acks) {
        for (id, written) in batch { acknowledged[id] = written }
      }
      totalAcked += acks
      // The batch in flight at the kill is all-or-nothing.
      let inFlight = acks < batches.count ? batches[acks] : [:]

      // Reopen through the binary and compare everything.
      let export = try RagopsBinary.run(["--data", data, "-c", "points export k --file -"])
      try #require(export.status == 0, "reopen failed after kill \(iteration), \(seed): \(export.standardError)")
      var stored: [PointID: Written] = [:]
      for line in export.standardOutput.split(separator: "\n") {
        let object = try #require(try JSONParser.parse(String(line)).objectValue)
        let id = try #require(object["id"].flatMap { PointID(json: $0) })
        let vector = try #require(object["vector"]?.arrayValue).map { Float($0.numberValue ?? .nan) }
        stored[id] = Written(vector: vector, payload: object["payload"]?.objectValue ?? [:])
      }
      var applied = 0
      for (id, written) in inFlight where stored[id] == written && acknowledged[id] != written { applied += 1 }
      let inFlightAppliedWholly = applied == 0 || applied == inFlight.filter { acknowledged[$0.key] != $0.value }.count
      #expect(inFlightAppliedWholly, "kill \(iteration), \(seed): the batch in flight was applied partially")
      if applied > 0 {
        for (id, written) in inFlight { acknowledged[id] = written }
      }
      for (id, written) in acknowledged {
        #expect(stored[id] == written, "kill \(iteration), \(seed): point \(id) lost or changed")
      }
      #expect(
        stored.count == acknowledged.count,
        "kill \(iteration), \(seed): \(stored.count) stored, \(acknowledged.count) acknowledged")
    }
    print("kill -9 loop: \(kills) kills, \(totalAcked) acknowledged batches, \(acknowledged.count) points verified")
    #expect(kills >= 20, "\(seed)")
    #expect(totalAcked > 0)
  }
}
