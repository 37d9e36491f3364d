public import ArgumentParser
import Model

/// `schedule list`.
public struct ScheduleListCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List backup schedules with their next and last runs.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions

  /// Creates the command (used by the parser).
  public init() {}

  /// Lists the schedules.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let statuses = try context.backups(writing: false).scheduleStatuses()
    return CommandResult(
      json: .array(statuses.map(BackupFormatting.json)),
      blocks: [
        statuses.isEmpty
          ? .text("no schedules (create one with: schedule set NAME --daily 02:00)")
          : .table(BackupFormatting.table(statuses))
      ])
  }
}
