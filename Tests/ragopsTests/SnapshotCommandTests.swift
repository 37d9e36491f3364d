import Foundation
import Testing
import VectorEngine

/// The snapshot commands as an operator drives them: full snapshots, folders, listings with
/// their VERIFIED column, restores, and usage errors.
struct SnapshotCommandTests {
  private func setUp(_ scratch: ScratchDirectory) throws -> String {
    let data = scratch.path + "/data"
    let points = scratch.file(
      "points.jsonl",
      contents: """
        {"id": 1, "vector": [1, 0, 0, 0], "payload": {"t": "a"}}
        {"id": 2, "vector": [0, 1, 0, 0]}

        """)
    let setup = try RagopsBinary.run(
      ["--data", data, "--batch", "-"],
      input: """
        collection create docs --dim 4 --distance dot
        collection create tickets --dim 4 --distance cosine
        points upsert docs --file \(points)
        points upsert tickets --file \(points)
        alias create current docs

        """)
    try #require(setup.status == 0, "\(setup.standardError)")
    return data
  }

  /// The `name` fields of a `--json` result line.
  private func names(_ output: String) -> [String] {
    output.split(separator: "\"name\":\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
  }

  @Test func aFullSnapshotIsListedVerifiedAndRestoredIntoAnotherDataDirectory() throws {
    let scratch = ScratchDirectory()
    let data = try setUp(scratch)
    let create = try RagopsBinary.run(["--data", data, "--json", "snapshot", "create", "--all"])
    #expect(create.status == 0, "\(create.standardError)")
    #expect(create.standardOutput.contains("\"full\":true") && create.standardOutput.contains("\"verified\":\"yes\""))
    #expect(create.standardOutput.contains("\"collections\":[\"docs\",\"tickets\"]"))
    let name = try #require(names(create.standardOutput).first)
    #expect(name.hasPrefix("full-"))

    let list = try RagopsBinary.run(["--data", data, "snapshot", "list"])
    #expect(list.status == 0)
    let row = try #require(list.standardOutput.split(separator: "\n").first { $0.hasPrefix(name) })
    #expect(row.hasSuffix("not run"))
    let verified = try RagopsBinary.run(["--data", data, "snapshot", "list", "--verify"])
    #expect(verified.standardOutput.split(separator: "\n").first { $0.hasPrefix(name) }?.hasSuffix("yes") == true)
    #expect(try RagopsBinary.run(["--data", data, "snapshot", "verify", "--all", name]).status == 0)

    let other = scratch.path + "/other"
    let restore = try RagopsBinary.run(["--data", other, "snapshot", "restore", "--all", data + "/snapshots/" + name])
    #expect(restore.status == 0, "\(restore.standardError)")
    #expect(restore.standardOutput.contains("docs (2 points), tickets (2 points)"))
    let aliases = try RagopsBinary.run(["--data", other, "alias", "list"])
    #expect(aliases.standardOutput.contains("current") && aliases.standardOutput.contains("docs"))

    // Over existing collections only with --yes.
    let refused = try RagopsBinary.run(["--data", data, "snapshot", "restore", "--all", name])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("collections docs, tickets exist"))
    #expect(try RagopsBinary.run(["--data", data, "snapshot", "restore", "--all", name, "--yes"]).status == 0)
  }

  @Test func listingsSayWhyAnArchiveLooksDamaged() throws {
    let scratch = ScratchDirectory()
    let data = try setUp(scratch)
    let create = try RagopsBinary.run(["--data", data, "--json", "-c", "snapshot create docs"])
    let name = try #require(names(create.standardOutput).first)
    try FileManager.default.removeItem(atPath: data + "/snapshots/docs/" + name + ".sha256")
    let list = try RagopsBinary.run(["--data", data, "snapshot", "list", "docs"])
    #expect(list.status == 0)
    #expect(list.standardOutput.contains("(no sidecar)"))
    #expect(list.standardOutput.contains("\(name): no sidecar"))
    let json = try RagopsBinary.run(["--data", data, "--json", "snapshot", "list", "docs"])
    #expect(
      json.standardOutput.contains("\"verified\":\"no\"") && json.standardOutput.contains("\"problem\":\"no sidecar\""))
  }

  @Test func snapshotsGoToTheFolderGiven() throws {
    let scratch = ScratchDirectory()
    let data = try setUp(scratch)
    let folder = scratch.path + "/backups"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    #expect(try RagopsBinary.run(["--data", data, "snapshot", "create", "current", "--dir", folder]).status == 0)
    #expect(try RagopsBinary.run(["--data", data, "snapshot", "create", "--all", "--dir", folder]).status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files.count == 4)
    #expect(
      files.filter { $0.hasSuffix(".snapshot") }.map { $0.hasPrefix("docs-") || $0.hasPrefix("full-") } == [true, true])
    let missing = try RagopsBinary.run(["--data", data, "snapshot", "create", "--all", "--dir", scratch.path + "/none"])
    #expect(missing.status == 1)
    #expect(missing.standardError.contains("does not exist"))
  }

  @Test(arguments: [
    ["snapshot", "create"],
    ["snapshot", "create", "docs", "--all"],
    ["snapshot", "verify", "docs"],
    ["snapshot", "restore", "docs", "x.snapshot", "--all", "y.snapshot"],
    ["snapshot", "restore", "--all", "y.snapshot", "--as", "z"],
    ["snapshot", "delete"],
  ])
  func malformedSnapshotCommandsAreUsageErrors(arguments: [String]) throws {
    let scratch = ScratchDirectory()
    let result = try RagopsBinary.run(["--data", scratch.path + "/data"] + arguments)
    #expect(result.status == 2, "\(arguments): \(result.standardError)")
    #expect(result.standardError.contains("Usage: ragops snapshot"))
  }

  @Test func restoreHelpShowsBothForms() throws {
    let help = try RagopsBinary.run(["snapshot", "restore", "--help"])
    #expect(help.status == 0)
    try expectGolden(help.standardOutput, named: "helpSnapshotRestore")
  }
}
