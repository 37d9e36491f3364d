public import ArgumentParser
import Model

/// `backup list [--schedule NAME] [--all]`.
public struct BackupListCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List backups, newest first (deleted ones with --all).")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// Only one schedule's.
  @Option(help: ArgumentHelp("Only this schedule's backups.", valueName: "name")) public var schedule: String?
  /// Include deleted.
  @Flag(name: .customLong("all"), help: "Include deleted backups.") public var includeDeleted = false
  /// Row limit.
  @Option(help: ArgumentHelp("At most this many rows (default 50).", valueName: "n")) public var limit = 50

  /// Creates the command (used by the parser).
  public init() {}

  /// Lists the backups.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let service = try context.backups(writing: false)
    let records = Array(
      try service.catalog.backups(includingDeleted: includeDeleted, schedule: schedule).prefix(max(1, limit)))
    let retention = Dictionary(uniqueKeysWithValues: try service.catalog.schedules().map { ($0.id, $0.retentionDays) })
    func days(_ record: BackupRecord) -> Int? { record.scheduleID.flatMap { retention[$0] ?? nil } }
    return CommandResult(
      json: .array(records.map { BackupFormatting.json($0, retentionDays: days($0)) }),
      blocks: [records.isEmpty ? .text("no backups") : .table(BackupFormatting.table(records, retentionDays: days))])
  }
}
