public import ArgumentParser
import Model

/// `backup verify ID`.
public struct BackupVerifyCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Read a backup back and check every checksum; a failure marks it CORRUPT.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The backup.
  @Argument(help: "The backup's id (see backup list).") public var id: Int64

  /// Creates the command (used by the parser).
  public init() {}

  /// Verifies the backup.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let record = try context.backups(writing: false).verify(id: id, target: try context.backupTarget())
    return CommandResult(
      json: BackupFormatting.json(record, retentionDays: nil),
      blocks: [.text("backup \(id) verified: \(BackupFormatting.size(record)), sha256 \(record.sha256 ?? "?")")])
  }
}
