public import ArgumentParser
import Model

/// `points get NAME ID…`.
public struct PointsGetCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(commandName: "get", abstract: "Show points by id.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// The ids.
  @Argument(help: "Point ids (integers or UUIDs; commas allowed).") public var ids: [String]
  /// Whether to show vectors.
  @Flag(name: .customLong("with-vector"), help: "Include vectors.") public var withVector = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try ArgumentValues.ids(ids)
  }

  /// Fetches the points.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let wanted = try ArgumentValues.ids(ids)
    let records = try await context.backend.pointReader().retrieve(
      collection: name, ids: wanted, withPayload: true, withVector: withVector)
    var blocks: [ResultBlock] = [.table(ResultFormatting.pointsTable(records))]
    let found = Set(records.map(\.id))
    let missing = wanted.filter { !found.contains($0) }
    if !missing.isEmpty {
      blocks.append(.text("not found: " + missing.map(\.description).joined(separator: ", ")))
    }
    return CommandResult(json: ["points": .array(records.map(ResultFormatting.json))], blocks: blocks)
  }
}
