public import ArgumentParser
import Model

/// `backup restore ID [--as NEW] [--yes]`.
public struct BackupRestoreCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "restore", abstract: "Restore a backup, verified before anything live changes.",
    discussion:
      "Replacing existing collections needs --yes. A backup of every collection restores them all (and the aliases); --as applies to one-collection backups."
  )

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The backup.
  @Argument(help: "The backup's id (see backup list).") public var id: Int64
  /// New name.
  @Option(
    name: .customLong("as"), help: ArgumentHelp("Restore into this new collection instead.", valueName: "collection"))
  public var target: String?
  /// Confirmation.
  @Flag(name: .long, help: "Confirm replacing existing collections.") public var yes = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Restores the backup.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let restored = try context.backups(writing: true).restore(
      id: id, as: target, replace: yes, target: try context.backupTarget())
    let names = restored.map(\.name).joined(separator: ", ")
    let points = restored.reduce(0) { $0 + $1.pointsCount }
    return CommandResult(
      json: [
        "backup": .int(id), "restored": .array(restored.map { .string($0.name) }), "points_count": .int(Int64(points)),
      ],
      blocks: [.text("restored backup \(id) into \(names): \(Quantity.count(points)) points")])
  }
}
