public import ArgumentParser
import VectorEngine

/// `snapshot delete NAME SNAP`.
public struct SnapshotDeleteCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a snapshot and its sidecar.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection.") public var name: String
  /// The snapshot.
  @Argument(help: "The snapshot's name.") public var snapshot: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Deletes the snapshot.
  public func execute(in context: CommandContext) throws -> CommandResult {
    try context.backend.deleteSnapshot(snapshot, collection: name)
    return CommandResult(json: ["deleted": .string(snapshot)], blocks: [.text("deleted snapshot \(snapshot)")])
  }
}
