import Foundation
import Testing

/// A data directory for end-to-end backup tests: collection `docs` (50 points), backup 1
/// (manual) and schedule `nightly` (daily at 02:00 UTC), made through the binary.
enum BackupDataDirectory {
  /// Creates the data directory inside `scratch` and returns its path.
  static func prepare(_ scratch: ScratchDirectory) throws -> String {
    let data = scratch.path + "/data"
    let points = scratch.file(
      "points.jsonl", contents: (1...50).map { "{\"id\":\($0),\"vector\":[\($0),1,2,3]}" }.joined(separator: "\n"))
    let script = """
      collection create docs --dim 4 --distance dot
      points upsert docs --file \(points)
      backup now --collection docs
      schedule set nightly --daily 02:00 --collection docs

      """
    let setup = try RagopsBinary.run(["--data", data, "--batch", "-"], input: script)
    try #require(setup.status == 0, "\(setup.standardError)")
    return data
  }

  /// The archive path of backup 1, as `backup list` reports it.
  static func firstArchive(_ data: String) throws -> String {
    let list = try RagopsBinary.run(["--data", data, "--json", "backup", "list"])
    let path = list.standardOutput.split(separator: "\"path\":\"").dropFirst().first?.split(separator: "\"").first
    return String(try #require(path))
  }
}
