public import ArgumentParser
import VectorEngine

/// `snapshot list NAME`.
public struct SnapshotListCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(commandName: "list", abstract: "List a collection's snapshots, newest first.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection (it need not exist any more).") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Lists the snapshots.
  public func execute(in context: CommandContext) throws -> CommandResult {
    let snapshots = try context.backend.snapshots(name)
    return CommandResult(json: ["snapshots": .array(snapshots.map(SnapshotFormatting.json))], blocks: [.table(SnapshotFormatting.table(snapshots))])
  }
}
