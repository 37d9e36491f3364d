public import ArgumentParser
import Model

/// `points count NAME [--filter EXPR]`.
public struct PointsCountCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "count", abstract: "Count points, optionally filtered.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// The filter.
  @Option(
    name: .long, help: ArgumentHelp("A filter: text form (tenant:acme year>=2020) or Qdrant JSON.", valueName: "expr"))
  public var filter: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try ArgumentValues.filter(filter)
  }

  /// Counts.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let count = try await context.backend.pointReader().count(
      collection: name, filter: try ArgumentValues.filter(filter))
    return CommandResult(json: ["count": .int(Int64(count))], blocks: [.text(Quantity.count(count))])
  }
}

extension PointsCountCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
