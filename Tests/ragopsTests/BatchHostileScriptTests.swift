import Foundation
import TestSupport
import Testing

/// Scripts built to make the command language do super-linear work are reported promptly.
struct BatchHostileScriptTests {
  @Test func aUsageErrorInACommandContinuedOverThousandsOfLinesIsReportedAtItsColumn() throws {
    let scratch = ScratchDirectory()
    let lines = 8_000
    var text = "points get docs 1 \\\n"
    for _ in 0..<lines { text += "   \\\n" }
    text += "--bogus\n"
    let path = scratch.file("long.rg", contents: text)
    let result = try RagopsBinary.run(["--data", scratch.path + "/data", "--batch", path])
    #expect(result.status == 2)
    // Each backslash became a space: the option starts after 19 + 4 per line characters.
    #expect(result.standardError.hasPrefix("\(path):1:\(19 + 4 * lines + 1): error: Unknown option '--bogus'\n"))
  }

  @Test func aCommandWithMoreWordsThanTheCapIsAUsageErrorAtTheFirstWordPastIt() throws {
    let scratch = ScratchDirectory()
    let cap = 4_096
    let words = ["points", "get", "docs"] + (0..<(cap + 10)).map(String.init)
    let path = scratch.file("wide.rg", contents: words.joined(separator: " ") + " --bogus\n")
    let result = try RagopsBinary.run(["--data", scratch.path + "/data", "--batch", path])
    #expect(result.status == 2)
    let column = words.prefix(cap).joined(separator: " ").count + 2
    #expect(
      result.standardError.hasPrefix(
        "\(path):1:\(column): error: a command has at most \(cap) words; this one has \(words.count + 1)\n"))
  }
}
