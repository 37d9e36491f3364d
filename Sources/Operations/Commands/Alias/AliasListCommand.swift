public import ArgumentParser
import Model

/// `alias list`.
public struct AliasListCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(commandName: "list", abstract: "List aliases.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions

  /// Creates the command (used by the parser).
  public init() {}

  /// Lists aliases.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let aliases = try await context.backend.collectionReader().aliases()
    return CommandResult(
      json: [
        "aliases": .array(aliases.map { ["alias_name": .string($0.alias), "collection_name": .string($0.collection)] })
      ],
      blocks: [
        .table(
          ResultTable(columns: [.left("alias"), .left("collection")], rows: aliases.map { [$0.alias, $0.collection] }))
      ])
  }
}
