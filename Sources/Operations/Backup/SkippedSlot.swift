/// A slot that will not run, and why (`missed`, `missed-deadline`, `paused`, `clock-skew`).
public struct SkippedSlot: Hashable, Sendable {
  /// The slot (Unix seconds).
  public var slot: Int64
  /// Why it does not run.
  public var reason: String

  /// Creates a skipped slot.
  public init(_ slot: Int64, _ reason: String) {
    self.slot = slot
    self.reason = reason
  }
}
