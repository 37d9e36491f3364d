public import ArgumentParser
import Model

/// `schedule delete NAME [--delete-backups]`.
public struct ScheduleDeleteCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "delete", abstract: "Delete a schedule; its backups are kept unless --delete-backups.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The schedule.
  @Argument(help: "The schedule's name.") public var name: String
  /// Whether to delete its backups too.
  @Flag(name: .customLong("delete-backups"), help: "Also delete every backup the schedule made.") public
    var deleteBackups = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Deletes the schedule.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let deleted = try context.backups(writing: true).deleteSchedule(name, deletingBackups: deleteBackups)
    let text =
      deleteBackups
      ? "schedule \(name) deleted with \(deleted) backup(s)" : "schedule \(name) deleted; its backups are kept"
    return CommandResult(
      json: ["schedule": .string(name), "deleted_backups": .int(Int64(deleted))], blocks: [.text(text)])
  }
}
