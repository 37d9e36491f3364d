import Foundation
public import Model

/// The backup schedules run beside an open backend, on a thread of their own: the console's
/// and `ragops serve`'s scheduler.
public enum BackgroundScheduler {
  /// Starts the schedules of `backend`'s data directory, unless the backend keeps no backups
  /// or is read-only (then nothing runs and `nil` comes back).
  ///
  /// - Parameters:
  ///   - stop: opening it ends the thread after any backup in progress.
  ///   - willRun: called before a due slot touches the store (the console takes its engine
  ///     gate there); `didRun` after the slot's evaluation when `willRun` was called.
  ///   - log: receives the scheduler's decision lines.
  /// - Returns: a latch that opens when the thread has stopped, or `nil`.
  public static func start(
    for backend: any Backend, stop: Latch, willRun: @escaping @Sendable () -> Void = {},
    didRun: @escaping @Sendable () -> Void = {}, log: @escaping @Sendable (String) -> Void = { _ in }
  ) -> Latch? {
    guard let target = try? backend.backupWriter(),
      let service = try? BackupService(dataDirectory: target.backupHome, log: log)
    else { return nil }
    let finished = Latch()
    let thread = Thread {
      defer { finished.open() }
      var holding = false
      BackupDaemon(service: service, tick: 60).run(
        openTarget: { () throws(StoreError) in
          willRun()
          holding = true
          return target
        },
        closeTarget: {
          if holding {
            holding = false
            didRun()
          }
        },
        wait: { seconds in !stop.wait(seconds: seconds) },
        log: log)
    }
    thread.name = "ragops.scheduler"
    thread.start()
    return finished
  }
}
