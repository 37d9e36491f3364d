public import ArgumentParser
import VectorEngine

/// `snapshot create NAME`.
public struct SnapshotCreateCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "create", abstract: "Take a snapshot: every write acknowledged before it starts, as one consistent cut.",
    discussion: "Written to <data>/snapshots/NAME/NAME-<YYYY-MM-DD-HH-MM-SS>.snapshot (a POSIX tar with a manifest of SHA-256 checksums) plus a .sha256 sidecar.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Takes the snapshot.
  public func execute(in context: CommandContext) throws -> CommandResult {
    let snapshot = try context.backend.createSnapshot(name)
    return CommandResult(json: SnapshotFormatting.json(snapshot), blocks: [.table(SnapshotFormatting.table([snapshot]))])
  }
}
