public import ArgumentParser
import VectorEngine

/// `snapshot verify NAME SNAP|FILE`.
public struct SnapshotVerifyCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Read a whole snapshot and check every checksum.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection.") public var name: String
  /// The snapshot.
  @Argument(help: "A snapshot name of the collection, or a path to a .snapshot file.") public var snapshot: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Verifies the snapshot.
  public func execute(in context: CommandContext) throws -> CommandResult {
    let verified = try context.backend.verifySnapshot(snapshot, collection: name)
    return CommandResult(json: SnapshotFormatting.json(verified), blocks: [.text("\(verified.name): verified, every checksum matches")])
  }
}
