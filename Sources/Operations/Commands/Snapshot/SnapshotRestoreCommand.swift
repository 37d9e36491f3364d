public import ArgumentParser
import Model

/// `snapshot restore NAME SNAP|FILE [--as NEW] [--yes]` or `snapshot restore --all SNAP|FILE [--yes]`.
public struct SnapshotRestoreCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "restore", abstract: "Restore a snapshot, verified before anything live changes.",
    discussion: """
      The archive is verified, extracted into a fresh folder and opened; then it replaces the \
      collection by rename. Replacing an existing collection needs --yes and the same dimension \
      and distance. With --all, a full snapshot restores every collection it holds under its own \
      name, then its aliases; every check (existing collections without --yes, dimension and \
      distance, names that are aliases here) passes before the first collection is swapped in.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection the snapshot belongs to (not with --all).") public var name: String?
  /// The snapshot.
  @Argument(help: "A snapshot name of the collection, or a path to a .snapshot file.") public
    var snapshot: String?
  /// A full snapshot.
  @Option(
    name: .customLong("all"),
    help: ArgumentHelp(
      "A full snapshot's name, or a path to a snapshot file.", valueName: "snapshot"))
  public var full: String?
  /// The target.
  @Option(
    name: .customLong("as"),
    help: ArgumentHelp(
      "Restore into this collection instead (not with --all).", valueName: "collection")) public
    var target: String?
  /// Confirmation.
  @Flag(name: .long, help: "Confirm replacing existing collections.") public var yes = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Requires NAME and SNAP, or --all alone (and then no --as).
  public func validate() throws {
    try SnapshotFormatting.requireTarget(name: name, snapshot: snapshot, full: full)
    if full != nil && target != nil {
      throw ValidationError(
        "--as does not go with --all: a full snapshot restores every collection under its own name")
    }
  }

  /// Restores the snapshot.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    if let full {
      let path = try await SnapshotFormatting.fullSnapshotPath(full, backend: context.backend)
      let restored = try await context.backend.snapshotWriter().restoreSnapshotFile(at: path, as: nil, replace: yes)
      let list = restored.map { "\($0.name) (\(Quantity.count($0.pointsCount)) points)" }
        .joined(separator: ", ")
      return CommandResult(
        json: [
          "restored": .array(
            restored.map {
              ["name": .string($0.name), "points_count": .int(Int64($0.pointsCount))]
            })
        ],
        blocks: [.text("restored \(full): \(restored.isEmpty ? "no collections" : list)")])
    }
    guard let name, let snapshot else {
      throw ValidationError("give a collection NAME and a snapshot, or --all and a snapshot")
    }
    let info = try await context.backend.snapshotWriter().restoreSnapshot(
      snapshot, collection: name, target: target, replace: yes)
    return CommandResult(
      json: ["restored": .string(info.name), "points_count": .int(Int64(info.pointsCount))],
      blocks: [
        .text(
          "restored \(snapshot) into \(info.name): \(Quantity.count(info.pointsCount)) points"
        )
      ])
  }
}
