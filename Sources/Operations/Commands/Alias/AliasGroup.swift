public import ArgumentParser

/// `alias …`: alternative names for collections.
public struct AliasGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "alias", abstract: "Create, list and drop collection aliases.",
    subcommands: [AliasCreateCommand.self, AliasDropCommand.self, AliasListCommand.self])

  /// Creates the group (used by the parser).
  public init() {}
}
