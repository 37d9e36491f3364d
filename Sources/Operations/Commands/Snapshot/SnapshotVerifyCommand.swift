public import ArgumentParser
import Model

/// `snapshot verify NAME SNAP|FILE` or `snapshot verify --all SNAP|FILE`.
public struct SnapshotVerifyCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Read a whole snapshot and check every checksum.",
    discussion: """
      Give a collection and one of its snapshots (a name from `snapshot list NAME`, or a path), \
      or --all and a full snapshot (a name from `snapshot list`, or a path to a snapshot file of \
      either kind).
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection (not with --all).") public var name: String?
  /// The snapshot.
  @Argument(help: "A snapshot name of the collection, or a path to a .snapshot file.") public
    var snapshot: String?
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

  /// Verifies the snapshot.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let verified: SnapshotDescription
    if let full {
      verified = try await context.backend.snapshotReader().verifySnapshotFile(
        at: await SnapshotFormatting.fullSnapshotPath(full, backend: context.backend))
    } else if let name, let snapshot {
      verified = try await context.backend.snapshotReader().verifySnapshot(snapshot, collection: name)
    } else {
      throw ValidationError("give a collection NAME and a snapshot, or --all and a snapshot")
    }
    let holds = verified.isFull ? " (full: \(verified.collections.count) collections)" : ""
    return CommandResult(
      json: SnapshotFormatting.json(verified, verification: .passed),
      blocks: [.text("\(verified.name)\(holds): verified, every checksum matches")])
  }
}
