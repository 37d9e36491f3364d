import Foundation

/// The seed of a randomized test that draws a new one each run (kill loops, fuzz-like
/// sweeps): taken from `RAGOPS_TEST_SEED` when set, so a failure replays, else drawn fresh.
/// The test prints it, and puts it in its failure messages.
public struct ReplayableSeed: CustomStringConvertible, Sendable {
  /// The environment variable that replays a run.
  public static let variable = "RAGOPS_TEST_SEED"

  /// The seed.
  public let value: UInt64

  /// Reads ``variable`` (decimal or `0x` hexadecimal) or draws a seed; prints which, prefixed
  /// with `test`.
  public init(for test: String) {
    let given = ProcessInfo.processInfo.environment[Self.variable].flatMap(Self.parse)
    value = given ?? UInt64.random(in: 1...UInt64.max)
    print(
      "\(test): seed \(value)\(given == nil ? "" : " (from \(Self.variable))"); replay with \(Self.variable)=\(value)")
  }

  /// A generator that starts from this seed.
  public var generator: SeededGenerator { SeededGenerator(seed: value) }

  /// `seed N (replay with RAGOPS_TEST_SEED=N)`, for failure messages.
  public var description: String { "seed \(value) (replay with \(Self.variable)=\(value))" }

  private static func parse(_ text: String) -> UInt64? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased().hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
    return UInt64(trimmed)
  }
}
