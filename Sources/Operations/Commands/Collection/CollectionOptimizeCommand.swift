public import ArgumentParser
import Model

/// `collection optimize NAME`.
public struct CollectionOptimizeCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "optimize", abstract: "Merge segments, drop deleted points and rebuild the HNSW index.",
    discussion:
      "Also runs automatically in the background when a collection has more than 8 segments or a segment with 30% or more deleted points."
  )

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// Build threads.
  @Option(name: .long, help: "Threads that build the index (default: all cores).") public var threads: Int?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the thread count.
  public func validate() throws {
    try ArgumentValues.check(threads, in: RequestLimits.indexThreads, option: "--threads")
  }

  /// Optimizes the collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    if let threads { try await context.backend.maintenanceWriter().setIndexThreads(name, threads: threads) }
    try await context.backend.maintenanceWriter().optimize(name)
    let info = try await context.backend.collectionReader().collectionInfo(name)
    return CommandResult(
      json: [
        "optimized": .string(info.name), "segments_count": .int(Int64(info.segmentsCount)),
        "points_count": .int(Int64(info.pointsCount)),
      ],
      blocks: [
        .text("optimized \(info.name): \(Quantity.count(info.pointsCount)) points in \(info.segmentsCount) segment(s)")
      ])
  }
}
