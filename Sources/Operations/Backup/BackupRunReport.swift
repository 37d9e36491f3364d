/// What one `backup run` did for each schedule, and the exit status that sums it up.
public struct BackupRunReport: Sendable {
  /// The outcome for one schedule.
  public enum Outcome: Hashable, Sendable {
    /// Nothing was due; the next slot, if any.
    case notDue(next: Int64?)
    /// A backup ran and verified.
    case succeeded(BackupRecord)
    /// A backup ran and failed (written or not).
    case failed(BackupRecord)
    /// A backup was written but failed verification.
    case verificationFailed(BackupRecord)
    /// Another process holds the lock (backup lock or data directory).
    case locked(String)
    /// The slot had already run (another process got there first).
    case alreadyRan(slot: Int64)
    /// The clock looks wrong; nothing ran.
    case clockSkew(String)
    /// The schedule is paused.
    case paused
  }

  /// Outcomes by schedule name, in schedule order.
  public var outcomes: [(schedule: String, outcome: Outcome)] = []
  /// A lock held before any schedule was looked at.
  public var lockHeld: String?
  /// Why nothing could run at all (the data directory is open read-only).
  public var refused: BackupError?

  /// Creates an empty report.
  public init() {}

  /// 0 ran or not due, 1 a backup failed or nothing could run (read-only), 3 a lock was
  /// held, 4 verification failed; with several schedules the most serious wins (4, then 1,
  /// then 3).
  public var exitCode: Int32 {
    if refused != nil { return 1 }
    var rank = lockHeld == nil ? 0 : 1
    for (_, outcome) in outcomes {
      switch outcome {
      case .locked: rank = max(rank, 1)
      case .failed: rank = max(rank, 2)
      case .verificationFailed: rank = max(rank, 3)
      default: break
      }
    }
    return [0, 3, 1, 4][rank]
  }
}
