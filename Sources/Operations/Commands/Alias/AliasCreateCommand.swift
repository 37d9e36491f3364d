public import ArgumentParser
import Model

/// `alias create ALIAS NAME`.
public struct AliasCreateCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "create", abstract: "Point an alias at a collection (replacing an alias of that name).")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The alias.
  @Argument(help: "The alias.") public var alias: String
  /// The collection.
  @Argument(help: "The collection it names.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Creates the alias.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.collectionWriter().createAlias(alias, collection: name)
    return CommandResult(
      json: ["alias": .string(alias), "collection": .string(name)],
      blocks: [.text("alias \(alias) -> \(name)")])
  }
}
