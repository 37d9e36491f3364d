public import ArgumentParser
public import Model

/// `index create NAME FIELD TYPE`.
public struct IndexCreateCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "create", abstract: "Index a payload field so filters on it skip non-matching points.",
    discussion: "Every existing value of the field must have the index's type; later writes are checked too.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// The field.
  @Argument(help: "The payload field (a dotted path such as meta.lang).") public var field: String
  /// The index type.
  @Argument(help: "The index type.") public var type: PayloadIndexType

  /// Creates the command (used by the parser).
  public init() {}

  /// Creates the index.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.collectionWriter().createPayloadIndex(collection: name, field: field, type: type)
    return CommandResult(
      json: ["collection": .string(name), "field": .string(field), "type": .string(type.rawValue)],
      blocks: [.text("indexed \(field) as \(type.rawValue) in \(name)")])
  }
}
