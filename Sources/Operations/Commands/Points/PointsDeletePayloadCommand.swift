public import ArgumentParser
import Model

/// `points delete-payload NAME IDS --keys a,b` or with `--filter EXPR`.
public struct PointsDeletePayloadCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "delete-payload", abstract: "Remove top-level payload keys from points (by ids or --filter).")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// IDS, unless --filter.
  @Argument(help: ArgumentHelp("Ids separated by commas (omit with --filter).", valueName: "ids")) public var values:
    [String] = []
  /// Keys.
  @Option(name: .long, help: ArgumentHelp("Keys to remove, separated by commas.", valueName: "keys")) public var keys:
    String
  /// Filter.
  @Option(name: .long, help: ArgumentHelp("Select points by filter instead of ids.", valueName: "expr")) public
    var filter: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try PointsPayloadTarget(values: values, filter: filter, wantsPayload: false)
  }

  /// Removes the keys.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let target = try PointsPayloadTarget(values: values, filter: filter, wantsPayload: false)
    let keyList = keys.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    let result = try await context.backend.pointWriter().deletePayloadKeys(
      collection: name, keys: keyList, selector: target.selector)
    return PointsPayloadTarget.result(
      result, summary: "removed \(keyList.joined(separator: ", ")) from \(Quantity.count(result.affected)) points")
  }
}

extension PointsDeletePayloadCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
