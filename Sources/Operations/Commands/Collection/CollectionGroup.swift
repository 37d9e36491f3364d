public import ArgumentParser

/// `collection …`: create, inspect and drop collections.
public struct CollectionGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "collection", abstract: "Create, inspect, flush, optimize, verify and drop a collection.",
    subcommands: [
      CollectionCreateCommand.self, CollectionInfoCommand.self, CollectionDropCommand.self,
      CollectionFlushCommand.self, CollectionVerifyCommand.self, CollectionOptimizeCommand.self,
      CollectionRepairCommand.self,
    ])

  /// Creates the group (used by the parser).
  public init() {}
}
