import ArgumentParser
import Foundation
import Operations
import Model

/// `ragops scheduler`: runs the backup schedules until SIGTERM or SIGINT.
struct SchedulerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scheduler",
    abstract: "Run the backup schedules until stopped (for a systemd service or a container).",
    discussion: """
      Logs each decision on standard error. SIGTERM or SIGINT stops it between backups: a backup \
      in progress finishes (and is verified) first, so no partial archive is ever listed. The \
      data directory is opened only while a backup runs; when another process (the console) has \
      it open, that process's own scheduler runs the slot.
      """)

  @OptionGroup var globals: GlobalOptions

  @Option(help: ArgumentHelp("Re-check the clock at least this often, in seconds.", valueName: "seconds"))
  var tick: Int64 = 60

  @Flag(help: "Log every evaluation, not only actions.")
  var verbose = false

  func run() throws {
    TerminationSignals.block()
    let directory = DataDirectory.resolve(explicit: globals.data, environment: ProcessInfo.processInfo.environment)
    let log: @Sendable (String) -> Void = { line in
      FileHandle.standardError.write(Data("\(UTCText.rfc3339(SystemBackupClock().now)) \(line)\n".utf8))
    }
    let service: BackupService
    do {
      // The seam's read-only rule, applied before the data directory is opened.
      try BackendCapability.writeBackups.permit(readOnly: globals.readOnly, at: directory)
      service = try BackupService(dataDirectory: directory, readOnly: globals.readOnly, log: log)
    } catch let error as StoreError {
      log("error: \(error.message)")
      throw ExitCode(ExitStatus.commandFailed.rawValue)
    } catch let error as BackupError {
      log("error: \(error.message)")
      throw ExitCode(ExitStatus.commandFailed.rawValue)
    }
    log("scheduler started for \(directory) (pid \(ProcessInfo.processInfo.processIdentifier))")
    var opened: (any Backend)?
    var stopSignal: String?
    BackupDaemon(service: service, tick: tick, verbose: verbose).run(
      openTarget: { () throws(StoreError) in
        let backend = try BackendChoice.openEmbedded(directory: directory, readOnly: false)
        opened = backend
        return try backend.backupWriter()
      },
      closeTarget: {
        if let backend = opened { _ = backend.close(after: .success, report: log) }
        opened = nil
      },
      wait: { seconds in
        stopSignal = TerminationSignals.wait(seconds: seconds)
        return stopSignal == nil
      },
      log: log)
    log("scheduler stopped on \(stopSignal ?? "request"); no backup was in progress")
  }
}
