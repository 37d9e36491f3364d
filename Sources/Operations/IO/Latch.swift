import Foundation

/// A one-way gate that threads wait on until someone opens it: the end of a child process,
/// the console quitting, a background thread finishing. Once open it stays open, so a wait
/// that starts late returns at once.
///
/// The project's one way for a thread to wait for an event (locks are `Mutex`).
public final class Latch: @unchecked Sendable {
  // `isOpen` is guarded by `condition`.
  private let condition = NSCondition()
  private var isOpen = false

  /// A closed latch.
  public init() {}

  /// Opens the latch and wakes every waiter.
  public func open() {
    condition.withLock {
      isOpen = true
      condition.broadcast()
    }
  }

  /// Blocks until the latch is open (at once if it already is).
  public func wait() {
    condition.withLock {
      while !isOpen { condition.wait() }
    }
  }

  /// Blocks until the latch is open or `seconds` have passed.
  ///
  /// - Returns: whether the latch is open.
  public func wait(seconds: Int64) -> Bool {
    condition.withLock {
      let deadline = Date(timeIntervalSinceNow: TimeInterval(max(0, seconds)))
      while !isOpen {
        if !condition.wait(until: deadline) { break }
      }
      return isOpen
    }
  }
}

extension Process {
  /// Starts the process with a termination handler installed first, so its exit cannot be
  /// missed, and returns a latch that opens when it exits.
  ///
  /// Waiting on the handler, not `waitUntilExit()`: that polls a run loop with a short timer,
  /// and on a shifted clock (`faketime '+400d' swift test`) the timer can stall, so a child
  /// that already exited is waited for forever. The termination handler needs no timer.
  public func startWatched() throws -> Latch {
    let exited = Latch()
    terminationHandler = { _ in exited.open() }
    try run()
    return exited
  }
}
