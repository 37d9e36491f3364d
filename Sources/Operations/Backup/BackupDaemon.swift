import Model

/// The long-running scheduler (`ragops scheduler`, and the console's background scheduler):
/// wakes at each slot (and at least every `tick` seconds, so clock jumps are noticed — rule
/// R7), runs what is due under the backup lock, and logs every decision.
public struct BackupDaemon: Sendable {
  /// The service it runs.
  public let service: BackupService
  /// The longest sleep between evaluations, in seconds.
  public let tick: Int64
  /// Whether every evaluation is logged, not only actions.
  public let verbose: Bool

  /// Creates a daemon.
  public init(service: BackupService, tick: Int64 = 60, verbose: Bool = false) {
    self.service = service
    self.tick = max(1, tick)
    self.verbose = verbose
  }

  /// Runs until `wait` returns `false`, or at once returns when nothing may run (the data
  /// directory is open read-only).
  ///
  /// - Parameters:
  ///   - openTarget: opens the store for a run (called only when a slot is due).
  ///   - closeTarget: closes what `openTarget` opened, after each evaluation.
  ///   - wait: sleeps up to the given seconds; returns `false` to stop.
  ///   - log: receives the daemon's own lines.
  public func run(
    openTarget: () throws(StoreError) -> any BackupTarget, closeTarget: () -> Void,
    wait: (Int64) -> Bool, log: (String) -> Void
  ) {
    let marker = service.announceScheduler()
    defer { withExtendedLifetime(marker) {} }
    var lastAnnounced: [String: Int64?] = [:]
    repeat {
      let report = service.runDue(openTarget: openTarget)
      closeTarget()
      if let refused = report.refused {
        log("stopped: \(refused.message)")
        return
      }
      if let held = report.lockHeld { log("skipped this wakeup: \(held)") }
      var nextWake = service.now + tick
      for (name, outcome) in report.outcomes {
        guard case .notDue(let next) = outcome else { continue }
        if verbose || lastAnnounced[name] != .some(next) {
          log("schedule \(name): not due; next slot \(next.map { UTCText.minute($0) + " UTC" } ?? "none")")
          lastAnnounced[name] = .some(next)
        }
        if let next { nextWake = min(nextWake, next) }
      }
      let sleep = max(1, min(tick, nextWake - service.now))
      if verbose { log("sleeping \(sleep)s") }
      if !wait(sleep) { return }
    } while true
  }
}
