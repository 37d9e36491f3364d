public import ArgumentParser
import Model

/// `points overwrite-payload NAME IDS JSON` or `points overwrite-payload NAME JSON --filter EXPR`.
public struct PointsOverwritePayloadCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "overwrite-payload",
    abstract: "Replace the payload of points (by ids or --filter) with a JSON object.",
    usage: "points overwrite-payload <name> <ids> <json>\npoints overwrite-payload <name> <json> --filter <expr>")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// IDS and JSON, or JSON alone with --filter.
  @Argument(help: ArgumentHelp("Ids separated by commas, then the JSON object.", valueName: "ids-and-json")) public
    var values: [String] = []
  /// Filter.
  @Option(name: .long, help: ArgumentHelp("Select points by filter instead of ids.", valueName: "expr")) public
    var filter: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try PointsPayloadTarget(values: values, filter: filter, wantsPayload: true)
  }

  /// Applies the change.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let target = try PointsPayloadTarget(values: values, filter: filter, wantsPayload: true)
    let result = try await context.backend.pointWriter().overwritePayload(
      collection: name, payload: target.payload ?? [:], selector: target.selector)
    return PointsPayloadTarget.result(result, summary: "replaced payload of \(Quantity.count(result.affected)) points")
  }
}

extension PointsOverwritePayloadCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
