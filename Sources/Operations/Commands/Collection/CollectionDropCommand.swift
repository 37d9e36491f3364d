public import ArgumentParser
import Model

/// `collection drop NAME`.
public struct CollectionDropCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "drop", abstract: "Delete a collection, its points and its aliases.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection's name (not an alias).") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Drops the collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.collectionWriter().dropCollection(name)
    return CommandResult(json: ["dropped": .string(name)], blocks: [.text("dropped collection \(name)")])
  }
}
