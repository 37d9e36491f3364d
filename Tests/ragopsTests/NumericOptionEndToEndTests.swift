import Foundation
import TestSupport
import Testing

/// Numeric options out of their ranges are usage errors that name the option and the range.
struct NumericOptionEndToEndTests {
  @Test func numericOptionsOutOfRangeAreUsageErrors() throws {
    let scratch = ScratchDirectory()
    let data = try BackupDataDirectory.prepare(scratch)
    let cases: [([String], String)] = [
      (["search", "docs", "--vector", "[1,0,0,0]", "--ef", "0"], "--ef must be between 1 and 65536"),
      (["search", "docs", "--vector", "[1,0,0,0]", "--ef", "1000000000000"], "--ef must be between 1 and 65536"),
      (["quality", "docs", "--ef", "0"], "--ef must be between 1 and 65536"),
      (["collection", "optimize", "docs", "--threads", "1000000000000"], "--threads must be between 1 and 1024"),
      (["points", "upsert", "docs", "--file", "-", "--threads", "0"], "--threads must be between 1 and 1024"),
    ]
    for (arguments, message) in cases {
      let result = try RagopsBinary.run(["--data", data] + arguments, input: "")
      #expect(result.status == 2, "\(arguments): \(result.standardError)")
      #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    }
  }
}
