public import ArgumentParser
import Model

/// `points delete NAME (--ids 1,2,3 | --filter EXPR)`.
public struct PointsDeleteCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "delete", abstract: "Delete points by id or by filter.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// Ids.
  @Option(name: .long, help: ArgumentHelp("Ids separated by commas.", valueName: "ids")) public var ids: String?
  /// Filter.
  @Option(name: .long, help: ArgumentHelp("A filter: text form or Qdrant JSON.", valueName: "expr")) public var filter:
    String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try Self.selector(ids: ids, filter: filter)
  }

  /// Requires exactly one selector.
  public func validate() throws {
    guard (ids == nil) != (filter == nil) else { throw ValidationError("give either --ids or --filter") }
  }

  /// Deletes.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let selector = try Self.selector(ids: ids, filter: filter)
    let result = try await context.backend.pointWriter().delete(collection: name, selector: selector)
    return CommandResult(
      json: [
        "deleted": .int(Int64(result.affected)), "operation_id": .int(Int64(result.operationID)), "status": "completed",
      ],
      blocks: [.text("deleted \(Quantity.count(result.affected)) points")])
  }

  /// The selector named by `--ids` or `--filter`.
  static func selector(ids: String?, filter: String?) throws -> PointSelector {
    if let ids { return .ids(try ArgumentValues.ids([ids])) }
    return .filter(try ArgumentValues.filter(filter) ?? Filter())
  }
}

extension PointsDeleteCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
