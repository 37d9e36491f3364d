public import ArgumentParser
import Model

/// `schedule resume NAME`.
public struct ScheduleResumeCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract:
      "Resume a paused schedule; slots missed meanwhile follow the catch-up rule (at most one, within the deadline).")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The schedule.
  @Argument(help: "The schedule's name.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Resumes the schedule.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try context.backups(writing: true).resume(name)
    return CommandResult(
      json: ["schedule": .string(name), "paused": .bool(false)], blocks: [.text("schedule \(name) resumed")])
  }
}
