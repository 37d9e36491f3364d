public import ArgumentParser
import Model

/// `schedule …`: backup schedules (daily/weekly/monthly/cron/interval, retention, scope).
public struct ScheduleGroup: ParsableCommand {
  /// The group's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "schedule", abstract: "Set, list, pause, resume and delete backup schedules.",
    subcommands: [
      ScheduleSetCommand.self, ScheduleListCommand.self, SchedulePauseCommand.self,
      ScheduleResumeCommand.self, ScheduleDeleteCommand.self,
    ])

  /// Creates the group (used by the parser).
  public init() {}
}
