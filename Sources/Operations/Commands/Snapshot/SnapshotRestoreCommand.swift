public import ArgumentParser
import VectorEngine

/// `snapshot restore NAME SNAP|FILE [--as NEW] [--yes]`.
public struct SnapshotRestoreCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "restore", abstract: "Restore a snapshot, verified before anything live changes.",
    discussion: "The archive is verified, extracted into a fresh folder and opened; then it replaces the collection by rename. Replacing an existing collection needs --yes and the same dimension and distance.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection the snapshot belongs to.") public var name: String
  /// The snapshot.
  @Argument(help: "A snapshot name of the collection, or a path to a .snapshot file.") public var snapshot: String
  /// The target.
  @Option(name: .customLong("as"), help: ArgumentHelp("Restore into this collection instead.", valueName: "collection")) public var target: String?
  /// Confirmation.
  @Flag(name: .long, help: "Confirm replacing an existing collection.") public var yes = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Restores the snapshot.
  public func execute(in context: CommandContext) throws -> CommandResult {
    let info = try context.backend.restoreSnapshot(snapshot, collection: name, target: target, replace: yes)
    return CommandResult(
      json: ["restored": .string(info.name), "points_count": .int(Int64(info.pointsCount))],
      blocks: [.text("restored \(snapshot) into \(info.name): \(ResultFormatting.count(info.pointsCount)) points")])
  }
}
