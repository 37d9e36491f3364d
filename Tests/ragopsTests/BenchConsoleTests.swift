import Foundation
import Testing

/// `ragops bench console` runs the console headless on the user's data directory and reports
/// the first frame and the frames of the Points tab.
struct BenchConsoleTests {
  @Test func benchConsoleReportsTheFirstFrameAndThePointsTabFrames() throws {
    let scratch = ScratchDirectory()
    let data = scratch.path + "/data"
    let created = try RagopsBinary.run(
      ["--data", data, "-c", "collection create docs --dim 2 --distance dot"])
    #expect(created.status == 0, "\(created.standardError)")
    let points = scratch.file(
      "points.jsonl", contents: "{\"id\": 1, \"vector\": [1, 0], \"payload\": {\"t\": \"a\"}}\n")
    #expect(try RagopsBinary.run(["--data", data, "points", "upsert", "docs", "--file", points]).status == 0)

    let output = try RagopsBinary.run(["bench", "console", "--data", data, "--frames", "5", "--size", "100x30"])
    #expect(output.status == 0, "\(output.standardError)")
    #expect(output.standardOutput.contains("first frame (open, load, render the collections at 100×30)"))
    #expect(
      output.standardOutput.contains("points tab of docs (1 points) at 100×30: 5 frames"), "\(output.standardOutput)")

    let refused = try RagopsBinary.run(["bench", "console", "--data", data, "--size", "7"])
    #expect(refused.status != 0)
    #expect(refused.standardError.contains("--size takes COLUMNSxROWS"))
  }
}
