public import ArgumentParser
import Model

/// `backup delete ID`.
public struct BackupDeleteCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "delete", abstract: "Delete a backup's files (the catalog keeps the record, marked deleted).")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The backup.
  @Argument(help: "The backup's id (see backup list).") public var id: Int64

  /// Creates the command (used by the parser).
  public init() {}

  /// Deletes the backup.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let record = try context.backups(writing: true).delete(id: id)
    return CommandResult(
      json: BackupFormatting.json(record, retentionDays: nil), blocks: [.text("backup \(id) deleted")])
  }
}
