public import ArgumentParser
import Model

/// `points scroll NAME [--filter EXPR] [--limit N] [--offset ID] [--with-vector]`.
public struct PointsScrollCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "scroll", abstract: "Page through points in id order.",
    discussion: "Pass the printed next page offset as --offset to get the following page.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// The filter.
  @Option(name: .long, help: ArgumentHelp("A filter: text form or Qdrant JSON.", valueName: "expr")) public var filter:
    String?
  /// Page size.
  @Option(name: .long, help: "Points per page.") public var limit: Int = 10
  /// Start id.
  @Option(name: .long, help: ArgumentHelp("The first id of the page (inclusive).", valueName: "id")) public var offset:
    String?
  /// Whether to show vectors.
  @Flag(name: .customLong("with-vector"), help: "Include vectors.") public var withVector = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try ArgumentValues.filter(filter)
    _ = try offset.map(ArgumentValues.id)
  }

  /// Checks the limit.
  public func validate() throws {
    guard (0...100_000).contains(limit) else { throw ValidationError("--limit must be between 0 and 100000") }
  }

  /// Reads one page.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let page = try await context.backend.pointReader().scroll(
      collection: name, filter: try ArgumentValues.filter(filter), offset: try offset.map(ArgumentValues.id),
      limit: limit, withPayload: true, withVector: withVector)
    return CommandResult(
      json: [
        "points": .array(page.points.map(ResultFormatting.json)),
        "next_page_offset": page.nextPageOffset?.json ?? .null,
      ],
      blocks: [
        .table(ResultFormatting.pointsTable(page.points)),
        .text(page.nextPageOffset.map { "next page offset: \($0)" } ?? "end of collection"),
      ])
  }
}

extension PointsScrollCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
