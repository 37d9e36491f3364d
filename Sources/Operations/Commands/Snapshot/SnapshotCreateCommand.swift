public import ArgumentParser
import Model

/// `snapshot create NAME | --all [--dir FOLDER]`.
public struct SnapshotCreateCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "create",
    abstract: "Take a snapshot of a collection, or with --all of every collection and the aliases.",
    discussion: """
      A collection snapshot holds every write acknowledged before it starts, as one consistent cut; \
      a full snapshot holds every collection, each as its own consistent cut, and the aliases. \
      Written to <data>/snapshots/NAME/NAME-<YYYY-MM-DD-HH-MM-SS>.snapshot, or \
      <data>/snapshots/full-<YYYY-MM-DD-HH-MM-SS>.snapshot with --all (a POSIX tar with a \
      manifest of SHA-256 checksums), plus a .sha256 sidecar; --dir writes the same names into \
      another existing folder. The archive is read back and verified before it is published.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias (not with --all).") public var name: String?
  /// Every collection.
  @Flag(name: .customLong("all"), help: "Take a full snapshot: every collection and the aliases.")
  public var all = false
  /// Where the archive goes.
  @Option(
    name: .customLong("dir"),
    help: ArgumentHelp("Write into this existing folder instead.", valueName: "folder"))
  public var directory: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Requires exactly one of NAME and --all.
  public func validate() throws {
    if all && name != nil { throw ValidationError("give a collection NAME or --all, not both") }
    if !all && name == nil {
      throw ValidationError("give a collection NAME, or --all for a full snapshot")
    }
  }

  /// Takes the snapshot.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let snapshot: SnapshotDescription
    if let name {
      snapshot = try await context.backend.snapshotWriter().createSnapshot(name, in: directory)
    } else {
      snapshot = try await context.backend.snapshotWriter().createFullSnapshot(in: directory)
    }
    // Creation reads the archive back in full before publishing it.
    let row = [(snapshot, SnapshotFormatting.Verification.passed)]
    return CommandResult(
      json: SnapshotFormatting.json(snapshot, verification: .passed),
      blocks: SnapshotFormatting.blocks(row))
  }
}
