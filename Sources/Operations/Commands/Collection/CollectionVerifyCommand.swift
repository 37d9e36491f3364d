public import ArgumentParser
import Model

/// `collection verify NAME`.
public struct CollectionVerifyCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Check every checksum of a collection's segment files.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Verifies the collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.maintenanceReader().verify(name)
    return CommandResult(json: ["verified": .string(name)], blocks: [.text("\(name): every checksum matches")])
  }
}
