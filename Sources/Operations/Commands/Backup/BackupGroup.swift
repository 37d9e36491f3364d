public import ArgumentParser
import Model

/// `backup …`: Backup now, the backup list, restore, delete, verify, and the one-shot runner.
public struct BackupGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "backup", abstract: "Take, list, verify, restore and delete backups; run due schedules.",
    subcommands: [
      BackupNowCommand.self, BackupListCommand.self, BackupRestoreCommand.self, BackupDeleteCommand.self,
      BackupVerifyCommand.self, BackupRunCommand.self,
    ])

  /// Creates the group (used by the parser).
  public init() {}
}
