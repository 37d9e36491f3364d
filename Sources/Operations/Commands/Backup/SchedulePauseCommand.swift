public import ArgumentParser
import Model

/// `schedule pause NAME`.
public struct SchedulePauseCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "pause", abstract: "Pause a schedule: no runs until resumed; its backups are kept.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The schedule.
  @Argument(help: "The schedule's name.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Pauses the schedule.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try context.backups(writing: true).pause(name)
    return CommandResult(
      json: ["schedule": .string(name), "paused": .bool(true)], blocks: [.text("schedule \(name) paused")])
  }
}
