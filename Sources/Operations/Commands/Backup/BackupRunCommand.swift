public import ArgumentParser
import Model

/// `backup run --if-due [--schedule NAME]`: the one-shot for cron, systemd timers and
/// Kubernetes CronJobs.
public struct BackupRunCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run the schedules' due slots once (for cron, systemd timers, CronJobs).",
    discussion: """
      Exit codes: 0 a backup ran and verified, or nothing was due (the output says which); \
      1 a backup failed; 3 another run holds the backup lock, or another process has the data \
      directory open (the message says whether that process runs a scheduler of its own); 4 a \
      backup was written but failed verification.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// Only due slots.
  @Flag(
    name: .customLong("if-due"), help: "Run only slots that are due (required; the runner never runs a slot twice).")
  public var ifDue = false
  /// One schedule.
  @Option(help: ArgumentHelp("Only this schedule.", valueName: "name")) public var schedule: String?

  /// Creates the command (used by the parser).
  public init() {}

  /// Requires `--if-due`.
  public func validate() throws {
    guard ifDue else { throw ValidationError("backup run needs --if-due (use 'backup now' for a manual backup)") }
  }

  /// Runs due slots against the context's store (from a script or the console).
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let service = try context.backups(writing: true)
    let target = try context.backupTarget()
    let report = service.runDue(schedule: schedule) { () throws(StoreError) in target }
    return try Self.result(report)
  }

  /// Runs due slots from the shell: the data directory is opened only when a slot must run,
  /// so a run that finds nothing due never contends for it.
  ///
  /// - Parameter log: receives each decision line (stderr).
  public func runStandalone(dataDirectory: String, log: @escaping @Sendable (String) -> Void) -> (
    ExitStatus, CommandResult?
  ) {
    let service: BackupService
    do {
      // The seam's read-only rule, applied before the data directory is opened.
      try BackendCapability.writeBackups.permit(readOnly: globals.readOnly, at: dataDirectory)
      service = try BackupService(dataDirectory: dataDirectory, readOnly: globals.readOnly, log: log)
    } catch let error as StoreError {
      log("error: \(error.message)")
      return (.commandFailed, nil)
    } catch let error as BackupError {
      log("error: \(error.message)")
      return (.commandFailed, nil)
    } catch {
      log("error: \(error)")
      return (.commandFailed, nil)
    }
    var opened: (any Backend)?
    let report = service.runDue(schedule: schedule) { () throws(StoreError) in
      let backend = try BackendChoice.openEmbedded(directory: dataDirectory, readOnly: false)
      opened = backend
      return try backend.backupWriter()
    }
    if let opened { _ = opened.close(after: .success, report: log) }
    if let refused = report.refused { log("error: \(refused.message)") }
    let result = try? Self.result(report)
    return (ExitStatus(rawValue: report.exitCode) ?? .commandFailed, result)
  }

  private static func result(_ report: BackupRunReport) throws -> CommandResult {
    if let refused = report.refused { throw refused }
    if let held = report.lockHeld { throw BackupError(.locked, held) }
    var lines: [String] = []
    var json: [JSONValue] = []
    for (name, outcome) in report.outcomes {
      let (status, text): (String, String)
      switch outcome {
      case .notDue(let next):
        (status, text) = ("not-due", "not due; next slot \(next.map { UTCText.minute($0) + " UTC" } ?? "none")")
      case .succeeded(let record):
        (status, text) = (
          "succeeded",
          "ran: backup \(record.id) \(record.trigger.title) SUCCEEDED, \(BackupFormatting.size(record)), verified"
        )
      case .failed(let record):
        (status, text) = ("failed", "FAILED: \(record.reason ?? "unknown")")
      case .verificationFailed(let record):
        (status, text) = ("verification-failed", "verification FAILED: \(record.reason ?? "unknown")")
      case .locked(let message):
        (status, text) = ("locked", "not run: \(message)")
      case .alreadyRan(let slot):
        (status, text) = ("already-ran", "slot \(UTCText.minute(slot)) already ran")
      case .clockSkew(let message):
        (status, text) = ("clock-skew", "clock skew: \(message)")
      case .paused:
        (status, text) = ("paused", "paused")
      }
      lines.append("schedule \(name): \(text)")
      json.append(["schedule": .string(name), "outcome": .string(status), "message": .string(text)])
    }
    if lines.isEmpty { lines.append("no schedules") }
    return CommandResult(json: .array(json), blocks: [.text(lines.joined(separator: "\n"))])
  }
}
