public import ArgumentParser
import Model

/// `quality NAME [--sample 100] [--limit 10] [--ef E]`.
public struct QualityCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "quality", abstract: "Measure the index's recall against exact search on sampled points.",
    discussion:
      "Each sampled point is searched for with its own vector (itself excluded) through the index and exactly; recall@k is the share of exact results the index also returned."
  )

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// Sample size.
  @Option(name: .long, help: "Points to sample.") public var sample: Int = 100
  /// k.
  @Option(name: .long, help: "Results compared per query (k).") public var limit: Int = 10
  /// ef.
  @Option(name: .long, help: "Index search candidate list size (default: the collection's).") public var ef: Int?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the ranges.
  public func validate() throws {
    guard (1...100_000).contains(sample) else { throw ValidationError("--sample must be between 1 and 100000") }
    guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    try ArgumentValues.check(ef, in: RequestLimits.ef, option: "--ef")
  }

  /// Runs the comparison.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let report = try await context.backend.maintenanceReader().measureQuality(
      name, sample: sample, limit: limit, ef: ef, progress: nil)
    return CommandResult(
      json: [
        "sample": .int(Int64(report.sample)), "limit": .int(Int64(report.limit)), "ef": .int(Int64(report.ef)),
        "recall_mean": .double(report.recallMean), "recall_std": .double(report.recallStandardDeviation),
        "index_ms": .double(report.indexMilliseconds), "exact_ms": .double(report.exactMilliseconds),
      ],
      blocks: [
        .fields([
          ResultField("sample", "\(report.sample) points, k=\(report.limit), ef=\(report.ef)"),
          ResultField(
            "recall@\(report.limit)",
            "\(Quantity.rounded(report.recallMean, 4)) ± \(Quantity.rounded(report.recallStandardDeviation, 4))"),
          ResultField("index search", "\(Quantity.rounded(report.indexMilliseconds, 3)) ms mean"),
          ResultField("exact search", "\(Quantity.rounded(report.exactMilliseconds, 3)) ms mean"),
        ])
      ])
  }

  private func pow10(_ digits: Int) -> Double {
    (0..<digits).reduce(1.0) { value, _ in value * 10 }
  }
}
