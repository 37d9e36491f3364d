public import ArgumentParser

/// `index …`: payload indexes.
public struct IndexGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "index", abstract: "Create payload indexes that filters use.",
    subcommands: [IndexCreateCommand.self])

  /// Creates the group (used by the parser).
  public init() {}
}
