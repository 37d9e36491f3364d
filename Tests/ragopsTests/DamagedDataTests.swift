import Foundation
import Testing

/// Damaged files as an operator meets them through the binary: the damage is reported with
/// what to do, the evidence is kept, and the rest of the data directory keeps working.
struct DamagedDataTests {
  private func prepare(_ scratch: ScratchDirectory) throws -> String {
    let data = scratch.path + "/data"
    let setup = try RagopsBinary.run(
      ["--data", data, "--batch", "-"],
      input: """
        collection create docs --dim 4 --distance dot
        collection create other --dim 2 --distance dot
        points upsert docs --file \(scratch.file("p.jsonl", contents: (1...5).map { "{\"id\":\($0),\"vector\":[\($0),1,2,3]}" }.joined(separator: "\n")))
        points upsert docs --file \(scratch.file("q.jsonl", contents: "{\"id\":9,\"vector\":[9,9,9,9]}"))

        """)
    try #require(setup.status == 0, "\(setup.standardError)")
    return data
  }

  private func wal(_ data: String) throws -> String {
    let folder = data + "/collections/docs"
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("wal-") }.sorted().last)
    return folder + "/" + name
  }

  @Test func aFlippedBitInTheLogIsRefusedKeptReadableAndCanBeSetAside() throws {
    let scratch = ScratchDirectory()
    let data = try prepare(scratch)
    let path = try wal(data)
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[bytes.count - 10] ^= 0x08
    try bytes.write(to: URL(fileURLWithPath: path))

    let refused = try RagopsBinary.run(["--data", data, "-c", "points count docs"])
    #expect(refused.status == 1)
    #expect(
      refused.standardError.contains("not an interrupted write")
        && refused.standardError.contains("set the damaged log aside"))
    #expect(try #require(FileManager.default.contents(atPath: path)) == bytes, "the damaged log was changed")
    // The other collection, and the listing, keep working; docs is listed red.
    let listing = try RagopsBinary.run(["--data", data, "--json", "-c", "collections"])
    #expect(listing.status == 0, "\(listing.standardError)")
    #expect(listing.standardOutput.contains("\"name\":\"other\",\"status\":\"green\""))
    #expect(listing.standardOutput.contains("\"name\":\"docs\",\"status\":\"red\""))
    // Read-only, the intact records are there.
    let readOnly = try RagopsBinary.run(["--data", data, "--read-only", "-c", "points count docs"])
    #expect(readOnly.status == 0)
    #expect(readOnly.standardOutput.contains("5"))

    let repaired = try RagopsBinary.run(["--data", data, "-c", "collection repair docs"])
    #expect(repaired.status == 0, "\(repaired.standardError)")
    #expect(repaired.standardOutput.contains(".damaged-1"))
    #expect(FileManager.default.contents(atPath: path + ".damaged-1") == bytes)
    let after = try RagopsBinary.run(["--data", data, "--json", "-c", "points count docs"])
    #expect(after.status == 0, "\(after.standardError)")
    #expect(after.standardOutput.contains("\"count\":5"))
  }

  @Test func aMissingLogIsReportedNotSilentlyRecreated() throws {
    let scratch = ScratchDirectory()
    let data = try prepare(scratch)
    try FileManager.default.removeItem(atPath: try wal(data))
    let refused = try RagopsBinary.run(["--data", data, "-c", "points count docs"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("write-ahead log is missing"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: data + "/collections/docs").filter { $0.hasPrefix("wal-") }
        .isEmpty)
  }

  @Test func aStrayFileAndGarbageAliasesAreReportedAndTheRestWorks() throws {
    let scratch = ScratchDirectory()
    let data = try prepare(scratch)
    try Data("x".utf8).write(to: URL(fileURLWithPath: data + "/collections/notes.txt"))
    try Data("{garbage".utf8).write(to: URL(fileURLWithPath: data + "/aliases.json"))
    let listing = try RagopsBinary.run(["--data", data, "-c", "collections"])
    #expect(listing.status == 0, "\(listing.standardError)")
    #expect(listing.standardOutput.contains("notes.txt") && listing.standardOutput.contains("aliases.json"))
    let count = try RagopsBinary.run(["--data", data, "--json", "-c", "points count docs"])
    #expect(count.status == 0 && count.standardOutput.contains("\"count\":6"), "\(count.standardError)")
    let aliases = try RagopsBinary.run(["--data", data, "-c", "alias list"])
    #expect(aliases.status == 1 && aliases.standardError.contains("aliases.json"))
  }
}
