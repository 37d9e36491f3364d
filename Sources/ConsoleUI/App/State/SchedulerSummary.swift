import Model
/// What the header says about the background scheduler.
public struct SchedulerSummary: Hashable {
  /// Whether the console runs the scheduler (not in read-only mode).
  public var isRunning = false
  /// The schedule whose slot comes next.
  public var nextName: String?
  /// Its slot (Unix seconds).
  public var nextSlot: Int64?
  /// The latest run's status word.
  public var lastStatus: String?
  /// When the latest run started.
  public var lastAt: Int64?

  /// Creates a summary.
  public init(
    isRunning: Bool = false, nextName: String? = nil, nextSlot: Int64? = nil,
    lastStatus: String? = nil, lastAt: Int64? = nil
  ) {
    self.isRunning = isRunning
    self.nextName = nextName
    self.nextSlot = nextSlot
    self.lastStatus = lastStatus
    self.lastAt = lastAt
  }
}

extension SchedulerSummary: Sendable {}
