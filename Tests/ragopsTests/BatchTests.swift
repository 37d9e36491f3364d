import Foundation
import TestSupport
import Testing
import Operations

/// The command language as a user drives it: scripts, `-c`, the shell, exit codes, errors.
struct BatchTests {
  private static let points = """
    {"id": 1, "vector": [1, 0, 0, 0], "payload": {"tenant": "acme", "year": 2021, "lang": "en", "tags": ["a", "b"]}}
    {"id": 2, "vector": [0.9, 0.1, 0, 0], "payload": {"tenant": "acme", "year": 2019, "lang": "de"}}
    {"id": 3, "vector": [0, 1, 0, 0], "payload": {"tenant": "globex", "year": 2023, "lang": "en", "tags": ["b"]}}
    {"id": "550e8400-e29b-41d4-a716-446655440000", "vector": [0, 0, 1, 0], "payload": {"tenant": "initech", "year": 2020}}
    {"id": 5, "vector": [0.5, 0.5, 0.5, 0.5]}

    """

  private func script(_ scratch: ScratchDirectory) -> String {
    let file = scratch.file("points.jsonl", contents: Self.points)
    return """
      # a tour of the command language
      collection create docs --dim 4 --distance dot
      collections
      index create docs tenant keyword
      points upsert docs --file \(file)
      points count docs
      points count docs --filter 'tenant:acme year>=2020'
      points scroll docs --limit 2
      points scroll docs --offset 3 --filter '!lang:de'
      points get docs 1 3 99 --with-vector
      points set-payload docs 2,3 '{"reviewed": true}'
      points delete-payload docs 1 --keys tags
      search docs --vector '[1, 0, 0, 0]' --limit 3 --exact
      search docs --id 1 --limit 2 --filter 'tenant:[acme,globex]'
      alias create current docs
      alias list
      points delete docs --filter 'year<2020'
      collection info current
      points export docs --file -
      """
  }

  @Test func scriptOutputAsText() throws {
    let scratch = ScratchDirectory()
    let result = try RagopsBinary.run(["--data", scratch.path + "/data", "--batch", "-"], input: script(scratch))
    #expect(result.status == 0, "\(result.standardError)")
    try expectGolden(result.standardOutput, named: "scriptOutputAsText")
  }

  @Test func scriptOutputAsJSON() throws {
    let scratch = ScratchDirectory()
    let path = scratch.file("tour.rg", contents: script(scratch))
    let result = try RagopsBinary.run(["--data", scratch.path + "/data", "--json", "--batch", path])
    #expect(result.status == 0, "\(result.standardError)")
    try expectGolden(result.standardOutput, named: "scriptOutputAsJSON")
  }

  @Test func helpIsGeneratedForTheRootAndEachCommand() throws {
    let root = try RagopsBinary.run(["--help"])
    #expect(root.status == 0)
    try expectGolden(root.standardOutput, named: "helpRoot")
    let upsert = try RagopsBinary.run(["points", "upsert", "--help"])
    #expect(upsert.status == 0)
    try expectGolden(upsert.standardOutput, named: "helpPointsUpsert")
    let inScript = try RagopsBinary.run(["--data", ScratchDirectory().path, "-c", "help search"])
    #expect(inScript.status == 0)
    #expect(inScript.standardOutput.contains("USAGE: ragops search [<options>] <name>"))
    for option in ["--data <dir>", "--url <url>", "--api-key <key>", "--vector <json>"] {
      #expect(inScript.standardOutput.contains(option), "help search lists \(option)")
    }
  }

  @Test func malformedLinesAreReportedWithFileLineColumnAndNothingRuns() throws {
    let scratch = ScratchDirectory()
    let path = scratch.file(
      "bad.rg",
      contents: """
        collection create t --dim 2 --distance dot
        colection info t
        points count t --filter 'tenant: year>=2020'
        points get t 'unterminated
        search t --vector '[1, 2,' --limit 3
        points count t --limit 3

        """)
    let result = try RagopsBinary.run(["--data", scratch.path + "/data", "--batch", path])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    try expectGolden(result.standardError.replacingOccurrences(of: scratch.path, with: "$TMP"), named: "malformedLines")
    // Nothing ran: the collection of line 1 was not created.
    let list = try RagopsBinary.run(["--data", scratch.path + "/data", "--json", "-c", "collections"])
    #expect(list.standardOutput.contains("\"collections\":[]"))
  }

  @Test func failuresExitOneAndStopUnlessKeepGoing() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    let bad = scratch.file("bad.jsonl", contents: "{\"id\": 1, \"vector\": [1, 2]}\n{\"id\": 2, \"vector\": [1, 2,}\n")
    let wrong = scratch.file("wrong.jsonl", contents: "{\"id\": 1, \"vector\": [1, 2, 3]}\n")
    let huge = scratch.file("huge.jsonl", contents: "{\"id\": 1, \"vector\": [1e39, 2]}\n")
    var fvecs = Data()
    for value: Int32 in [2] { withUnsafeBytes(of: value.littleEndian) { fvecs.append(contentsOf: $0) } }
    for value: Float in [1, 2] { withUnsafeBytes(of: value.bitPattern.littleEndian) { fvecs.append(contentsOf: $0) } }
    fvecs.append(contentsOf: [2, 0, 0, 0, 0, 0])
    let truncated = scratch.path + "/truncated.fvecs"
    try fvecs.write(to: URL(fileURLWithPath: truncated))
    let script = """
      collection create t --dim 2 --distance dot
      points upsert t --file \(bad)
      points upsert t --file \(wrong)
      points upsert t --file \(huge)
      points upsert t --file \(truncated)
      collection info missing
      points count t

      """
    let stopping = try RagopsBinary.run(["--data", data, "--batch", "-"], input: script)
    #expect(stopping.status == 1)
    #expect(!stopping.standardOutput.contains("\n1\n"))
    let going = try RagopsBinary.run(
      ["--data", scratch.path + "/data2", "--batch", "-", "--keep-going"], input: script)
    #expect(going.status == 1)
    try expectGolden(
      going.standardError.replacingOccurrences(of: scratch.path, with: "$TMP"), named: "failuresKeepGoing")
    // Points read before the malformed line were stored, and the message says so.
    #expect(going.standardOutput.hasSuffix("\n1\n"))
  }

  @Test func shellCommandsTakeGlobalOptionsAnywhere() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    #expect(
      try RagopsBinary.run(["--data", data, "collection", "create", "s", "--dim", "3", "--distance", "euclid"]).status
        == 0)
    let info = try RagopsBinary.run(["collection", "info", "s", "--json", "--data", data])
    #expect(info.status == 0)
    #expect(info.standardOutput.contains("\"distance\":\"euclid\""))
    let unknown = try RagopsBinary.run(["--data", data, "collection", "info", "nope"])
    #expect(unknown.status == 1)
    #expect(unknown.standardError == "error: collection nope does not exist\n")
    let usage = try RagopsBinary.run(["--data", data, "points", "count", "s", "--filter", "year>="])
    #expect(usage.status == 2)
    #expect(usage.standardError == "error: filter: expected a number after '>='\n  year>=\n        ^\n")
  }

  @Test func aSecondWriterGetsExitCodeThreeNamingThePid() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: RagopsBinary.path)
    holder.arguments = ["--data", data, "--batch", "-"]
    let input = Pipe()
    let output = Pipe()
    holder.standardInput = input
    holder.standardOutput = output
    let holderExit = try holder.startWatched()
    defer {
      try? input.fileHandleForWriting.close()
      holderExit.wait()
    }
    // Once the holder answers a command it holds the lock.
    input.fileHandleForWriting.write(Data("collections\n".utf8))
    var seen = Data()
    while !String(decoding: seen, as: UTF8.self).contains("NAME") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
    }
    let second = try RagopsBinary.run(["--data", data, "-c", "collections"])
    #expect(second.status == 3)
    #expect(second.standardError == "error: data directory \(data) is in use by pid \(holder.processIdentifier)\n")
    let reader = try RagopsBinary.run(["--data", data, "--read-only", "-c", "collections"])
    #expect(reader.status == 0)
  }
}
