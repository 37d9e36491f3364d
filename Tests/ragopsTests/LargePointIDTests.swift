import Foundation
import Testing
import VectorEngine
@testable import Model

/// Point ids above 2^63 print exactly in `--json` output, and the printed id finds the point.
struct LargePointIDTests {
  private static let largest = "18446744073709551615"
  private static let half = "9223372036854775808"

  /// The ids of the records in the `result` of every JSON line of `output`, under `key`.
  private func printedIDs(_ output: String, records key: String) throws -> [JSONValue] {
    var ids: [JSONValue] = []
    for line in output.split(separator: "\n") {
      let object = try #require(try JSONParser.parse(String(line)).objectValue)
      let result = try #require(object["result"]?.objectValue)
      for record in result[key]?.arrayValue ?? [] {
        ids.append(try #require(record.objectValue?["id"]))
      }
    }
    return ids
  }

  @Test func idsAboveTwoToTheSixtyThreePrintExactlyAndFindTheirPoints() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    let points = scratch.file(
      "points.jsonl",
      contents: """
        {"id": \(Self.largest), "vector": [1, 0], "payload": {"name": "largest", "n": \(Self.largest)}}
        {"id": \(Self.half), "vector": [0, 1], "payload": {"name": "half"}}
        {"id": 7, "vector": [1, 1]}

        """)
    let setup = try RagopsBinary.run(
      ["--data", data, "--batch", "-"],
      input: "collection create docs --dim 2 --distance dot\npoints upsert docs --file \(points)\n")
    #expect(setup.status == 0, "\(setup.standardError)")

    let get = try RagopsBinary.run(["--data", data, "--json", "-c", "points get docs \(Self.largest) \(Self.half)"])
    #expect(get.status == 0, "\(get.standardError)")
    #expect(get.standardOutput.contains("\"id\":\(Self.largest)"))
    #expect(get.standardOutput.contains("\"id\":\(Self.half)"))
    #expect(get.standardOutput.contains("\"n\":\(Self.largest)"))
    #expect(!get.standardOutput.contains("e+19"))

    let scroll = try RagopsBinary.run(["--data", data, "--json", "-c", "points scroll docs"])
    #expect(scroll.status == 0, "\(scroll.standardError)")
    let scrolled = try printedIDs(scroll.standardOutput, records: "points")
    #expect(scrolled.map(\.jsonText) == ["7", Self.half, Self.largest])

    let search = try RagopsBinary.run([
      "--data", data, "--json", "-c", "search docs --vector '[1, 0.5]' --limit 3 --exact",
    ])
    #expect(search.status == 0, "\(search.standardError)")
    #expect(search.standardOutput.contains("\"id\":\(Self.largest)"))
    #expect(search.standardOutput.contains("\"id\":\(Self.half)"))
    #expect(!search.standardOutput.contains("e+19"))

    // Each printed id, fed back to `points get`, finds its own point.
    for id in scrolled {
      let text = try #require(PointID(json: id)).description
      let again = try RagopsBinary.run(["--data", data, "--json", "-c", "points get docs \(text)"])
      #expect(again.status == 0, "\(again.standardError)")
      #expect(try printedIDs(again.standardOutput, records: "points") == [id], "\(text)")
    }

    // A filter on the exact id, and on the exact payload integer, finds the point.
    let filtered = try RagopsBinary.run(
      ["--data", data, "--json", "-c", "points count docs --filter 'id:\(Self.largest) n:\(Self.largest)'"])
    #expect(filtered.standardOutput.contains("\"count\":1"), "\(filtered.standardOutput)\(filtered.standardError)")
  }
}
