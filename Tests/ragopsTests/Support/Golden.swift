import Foundation
import Testing

/// Compares text a user would see with `Snapshots/<name>.txt`.
///
/// Set `RAGOPS_RECORD_GOLDEN=1` to (re)write the files from the real binary's output, then
/// review the diff before committing.
func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let file = directory.appendingPathComponent(name + ".txt")
  if ProcessInfo.processInfo.environment["RAGOPS_RECORD_GOLDEN"] == "1" {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: file)
    return
  }
  guard let expected = FileManager.default.contents(atPath: file.path) else {
    Issue.record(
      "missing golden file \(file.lastPathComponent); record it with RAGOPS_RECORD_GOLDEN=1",
      sourceLocation: sourceLocation)
    return
  }
  let expectedText = String(decoding: expected, as: UTF8.self)
  if expectedText != actual {
    let expectedLines = expectedText.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let first =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    Issue.record(
      "output differs from \(file.lastPathComponent) at line \(first + 1):\n  expected: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")\n  actual:   \(first < actualLines.count ? String(actualLines[first]) : "<end>")",
      sourceLocation: sourceLocation)
  }
}
