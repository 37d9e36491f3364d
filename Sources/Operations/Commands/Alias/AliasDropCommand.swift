public import ArgumentParser
import Model

/// `alias drop ALIAS`.
public struct AliasDropCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(commandName: "drop", abstract: "Remove an alias.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The alias.
  @Argument(help: "The alias.") public var alias: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Removes the alias.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.collectionWriter().dropAlias(alias)
    return CommandResult(json: ["dropped_alias": .string(alias)], blocks: [.text("dropped alias \(alias)")])
  }
}
