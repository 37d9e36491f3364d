public import ArgumentParser

/// `points …`: write, read, page through and delete points.
public struct PointsGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "points", abstract: "Upsert, get, count, scroll, export, delete points and edit payloads.",
    subcommands: [
      PointsUpsertCommand.self, PointsGetCommand.self, PointsCountCommand.self, PointsScrollCommand.self,
      PointsDeleteCommand.self, PointsSetPayloadCommand.self, PointsOverwritePayloadCommand.self,
      PointsDeletePayloadCommand.self, PointsExportCommand.self,
    ])

  /// Creates the group (used by the parser).
  public init() {}
}
