public import ArgumentParser
import Model

/// `schedule set NAME (--daily HH:MM | --weekly DAY HH:MM | --monthly DAY HH:MM | --cron EXPR | --every DUR) …`.
public struct ScheduleSetCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "set", abstract: "Create or change a backup schedule.",
    discussion: """
      Give exactly one frequency. Times are in --tz (default UTC). Each occurrence is a slot that \
      runs at most once; after downtime only the latest missed slot runs, and only within the \
      deadline (default: half the interval, at most 6h). Retention deletes verified backups older \
      than --retention-days, only after a new backup verified, and always keeps the newest \
      --min-keep. Changing a schedule keeps its backups and the slots it already decided.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The schedule's name.
  @Argument(help: "The schedule's name.") public var name: String
  /// Daily time.
  @Option(help: ArgumentHelp("Every day at HH:MM.", valueName: "HH:MM")) public var daily: String?
  /// Weekly day and time.
  @Option(
    parsing: .upToNextOption, help: ArgumentHelp("Every week on DAY (mon … sun) at HH:MM.", valueName: "DAY HH:MM"))
  public var weekly: [String] = []
  /// Monthly day and time.
  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Every month on day DAY (1-31; shorter months skip it) at HH:MM.", valueName: "DAY HH:MM"))
  public var monthly: [String] = []
  /// Cron expression.
  @Option(help: ArgumentHelp("A cron expression \"m h dom mon dow\" (or @daily, @hourly …).", valueName: "expr")) public
    var cron: String?
  /// Interval.
  @Option(
    help: ArgumentHelp(
      "Every interval, e.g. 6h or 30m (slots at multiples of it since 1970 UTC).", valueName: "duration")) public
    var every: String?
  /// Zone.
  @Option(help: ArgumentHelp("IANA time zone of the times (default UTC).", valueName: "zone")) public var tz = "UTC"
  /// Retention.
  @Option(
    name: .customLong("retention-days"),
    help: ArgumentHelp("Days a verified backup is kept (default 7).", valueName: "n")) public var retentionDays: Int?
  /// Keep forever.
  @Flag(name: .customLong("keep-forever"), help: "Never delete this schedule's backups by age.") public
    var keepForever = false
  /// Minimum kept.
  @Option(
    name: .customLong("min-keep"),
    help: ArgumentHelp("Newest verified backups kept whatever their age.", valueName: "n")) public var minKeep = 2
  /// Scope.
  @Option(
    help: ArgumentHelp("Back up this collection only (default: every collection and the aliases).", valueName: "name"))
  public var collection: String?
  /// Deadline.
  @Option(help: ArgumentHelp("How late a missed slot may still start, e.g. 6h.", valueName: "duration")) public
    var deadline: String?
  /// Backup folder.
  @Option(
    name: .customLong("backup-dir"),
    help: ArgumentHelp("Folder for this schedule's backups (absolute; default <data>/backups).", valueName: "dir"))
  public var backupDir: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the frequency and durations before anything runs.
  public func checkArguments() throws {
    _ = try spec()
    if let deadline { _ = try parseDuration(deadline) }
    if keepForever && retentionDays != nil {
      throw ValidationError("give either --retention-days or --keep-forever, not both")
    }
  }

  private func parseDuration(_ text: String) throws -> Int64 {
    do {
      return try DurationText.seconds(text)
    } catch {
      throw ArgumentSyntaxError(argument: text, message: error.message)
    }
  }

  private func spec() throws -> ScheduleSpec {
    let given = [daily != nil, !weekly.isEmpty, !monthly.isEmpty, cron != nil, every != nil].filter { $0 }.count
    guard given == 1 else {
      throw ValidationError("give exactly one of --daily, --weekly, --monthly, --cron, --every")
    }
    func syntax(_ argument: String, _ body: () throws(ScheduleSyntaxError) -> ScheduleSpec) throws -> ScheduleSpec {
      do {
        return try body()
      } catch {
        throw ArgumentSyntaxError(argument: argument, message: error.message)
      }
    }
    if let daily {
      return try syntax(daily) { () throws(ScheduleSyntaxError) in
        let (hour, minute) = try ScheduleSpec.time(daily)
        return try ScheduleSpec(.daily(hour: hour, minute: minute), zone: tz)
      }
    }
    if !weekly.isEmpty {
      guard weekly.count == 2 else { throw ValidationError("--weekly takes a day and a time, e.g. --weekly mon 02:00") }
      return try syntax(weekly[0]) { () throws(ScheduleSyntaxError) in
        let (hour, minute) = try ScheduleSpec.time(weekly[1])
        return try ScheduleSpec(
          .weekly(weekday: try ScheduleSpec.weekday(weekly[0]), hour: hour, minute: minute), zone: tz)
      }
    }
    if !monthly.isEmpty {
      guard monthly.count == 2 else {
        throw ValidationError("--monthly takes a day and a time, e.g. --monthly 1 02:00")
      }
      return try syntax(monthly[0]) { () throws(ScheduleSyntaxError) in
        guard let day = Int(monthly[0]) else {
          throw ScheduleSyntaxError("day of month \(monthly[0]) is not a number 1-31")
        }
        let (hour, minute) = try ScheduleSpec.time(monthly[1])
        return try ScheduleSpec(.monthly(day: day, hour: hour, minute: minute), zone: tz)
      }
    }
    if let cron {
      return try syntax(cron) { () throws(ScheduleSyntaxError) in
        try ScheduleSpec(.cron(try CronExpression(cron)), zone: tz)
      }
    }
    let every = every ?? ""
    return try syntax(every) { () throws(ScheduleSyntaxError) in
      try ScheduleSpec(.every(seconds: try DurationText.seconds(every)), zone: tz)
    }
  }

  /// Saves the schedule.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    if let collection { _ = try await context.backend.collectionReader().collectionInfo(collection) }
    let service = try context.backups(writing: true)
    let schedule = try service.setSchedule(
      name: name, spec: try spec(), collection: collection, retentionDays: keepForever ? nil : (retentionDays ?? 7),
      minimumKeep: minKeep, deadline: try deadline.map(parseDuration), backupDirectory: backupDir)
    let status = try service.scheduleStatuses().first { $0.schedule.id == schedule.id }
    let next = status?.nextSlot.map { UTCText.minute($0) + " UTC" } ?? "none"
    return CommandResult(
      json: BackupFormatting.json(status ?? .init(schedule: schedule, nextSlot: nil, lastRun: nil)),
      blocks: [
        .text(
          "schedule \(schedule.name): \(schedule.spec), \(schedule.scopeText), retention \(schedule.retentionText), deadline \(DurationText.text(schedule.deadline)); next run \(next)"
        )
      ])
  }
}
