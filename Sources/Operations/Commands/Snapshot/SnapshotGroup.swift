public import ArgumentParser

/// `snapshot …`: verified point-in-time archives of a collection, or of every collection and the aliases.
public struct SnapshotGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Take, list, verify, restore and delete snapshots of collections or of everything.",
    subcommands: [
      SnapshotCreateCommand.self, SnapshotListCommand.self, SnapshotVerifyCommand.self,
      SnapshotRestoreCommand.self, SnapshotDeleteCommand.self,
    ])

  /// Creates the group (used by the parser).
  public init() {}
}
