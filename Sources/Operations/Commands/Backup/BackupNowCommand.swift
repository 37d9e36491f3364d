public import ArgumentParser
import Model

/// `backup now [--collection C] [--backup-dir DIR]`.
public struct BackupNowCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "now", abstract: "Take a manual backup now, verified before it is listed as SUCCEEDED.",
    discussion: "Manual backups are kept until deleted; schedules and their retention are not affected.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// Scope.
  @Option(
    help: ArgumentHelp("Back up this collection only (default: every collection and the aliases).", valueName: "name"))
  public var collection: String?
  /// Folder.
  @Option(
    name: .customLong("backup-dir"),
    help: ArgumentHelp("Folder for the backup (absolute; default <data>/backups).", valueName: "dir")) public
    var backupDir: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Takes the backup.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let service = try context.backups(writing: true)
    let record = try service.backupNow(
      collection: collection, backupDirectory: backupDir, target: try context.backupTarget())
    return CommandResult(
      json: BackupFormatting.json(record, retentionDays: nil),
      blocks: [
        .text(
          "backup \(record.id) SUCCEEDED: \(BackupFormatting.size(record)) in \(Quantity.duration(milliseconds: record.durationMilliseconds)), sha256 \(record.sha256 ?? "?"), verified"
        )
      ])
  }
}
