public import ArgumentParser
import Model

/// `snapshot delete NAME SNAP` or `snapshot delete --all SNAP|FILE`.
public struct SnapshotDeleteCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "delete", abstract: "Delete a snapshot and its sidecar.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection (not with --all).") public var name: String?
  /// The snapshot.
  @Argument(help: "The snapshot's name.") public var snapshot: String?
  /// A full snapshot.
  @Option(
    name: .customLong("all"),
    help: ArgumentHelp(
      "A full snapshot's name, or a path to a snapshot file.", valueName: "snapshot"))
  public var full: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Requires NAME and SNAP, or --all alone.
  public func validate() throws {
    try SnapshotFormatting.requireTarget(name: name, snapshot: snapshot, full: full)
  }

  /// Deletes the snapshot.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let deleted: String
    if let full {
      try await context.backend.snapshotWriter().deleteSnapshotFile(
        at: await SnapshotFormatting.fullSnapshotPath(full, backend: context.backend))
      deleted = full
    } else if let name, let snapshot {
      try await context.backend.snapshotWriter().deleteSnapshot(snapshot, collection: name)
      deleted = snapshot
    } else {
      throw ValidationError("give a collection NAME and a snapshot, or --all and a snapshot")
    }
    return CommandResult(
      json: ["deleted": .string(deleted)], blocks: [.text("deleted snapshot \(deleted)")])
  }
}
