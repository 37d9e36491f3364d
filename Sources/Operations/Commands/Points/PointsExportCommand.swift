public import ArgumentParser
import Model

/// `points export NAME --file FILE`.
public struct PointsExportCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write every point (id, vector, payload) as JSON Lines.",
    discussion: "The output reads back with `points upsert`. With --file - the points go to standard output.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// The output.
  @Option(name: .long, help: ArgumentHelp("The output file, or - for standard output.", valueName: "file")) public
    var file: String
  /// The filter.
  @Option(name: .long, help: ArgumentHelp("Export only points matching a filter.", valueName: "expr")) public
    var filter: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try ArgumentValues.filter(filter)
  }

  /// Writes the points.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let parsedFilter = try ArgumentValues.filter(filter)
    var writer = try PointFileWriter(path: file)
    var offset: PointID?
    repeat {
      let page = try await context.backend.pointReader().scroll(
        collection: name, filter: parsedFilter, offset: offset, limit: 1_000, withPayload: true, withVector: true)
      try writer.write(contentsOf: page.points)
      offset = page.nextPageOffset
    } while offset != nil
    let written = writer.pointsWritten
    try writer.finish()
    if file == "-" { return CommandResult(json: .null, blocks: []) }
    return CommandResult(
      json: ["collection": .string(name), "exported": .int(Int64(written)), "file": .string(file)],
      blocks: [.text("exported \(Quantity.count(written)) points to \(file)")])
  }
}

extension PointsExportCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
