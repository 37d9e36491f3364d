import Model
import Foundation

/// A sleep that ends early when the console quits: the background scheduler's `wait`.
final class StopSignal: @unchecked Sendable {
  // `stopped` is guarded by `condition`.
  private let condition = NSCondition()
  private var stopped = false

  /// Sleeps up to `seconds`; returns `false` once ``stop()`` was called.
  func wait(seconds: Int64) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: TimeInterval(seconds))
    while !stopped {
      if !condition.wait(until: deadline) { break }
    }
    return !stopped
  }

  /// Wakes every waiter and makes later waits return at once.
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }
}
