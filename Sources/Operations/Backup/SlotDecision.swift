/// What the scheduler should do about one schedule now (backup rules R2, R3, R7, R10).
public struct SlotDecision: Hashable, Sendable {
  /// The action.
  public enum Action: Hashable, Sendable {
    /// Nothing is due.
    case wait
    /// Run this slot.
    case run(slot: Int64, trigger: BackupTrigger)
    /// The clock looks wrong: nothing runs, retention must not run either.
    case clockSkew(String)
  }

  /// The action.
  public var action: Action
  /// Slots to record as skipped before acting.
  public var skips: [SkippedSlot]
  /// The next slot after the decision (for "next run" displays), if any.
  public var nextSlot: Int64?

  /// Creates a decision.
  public init(action: Action, skips: [SkippedSlot] = [], nextSlot: Int64?) {
    self.action = action
    self.skips = skips
    self.nextSlot = nextSlot
  }
}
