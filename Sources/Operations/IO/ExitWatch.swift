import Foundation

/// Waits for a child process by blocking on its termination handler: how ragops and its tests
/// wait for every program they start (an editor, a baseline benchmark, the binary under test).
///
/// `Process.waitUntilExit()` polls a run loop with a short timer; when the process runs on a
/// shifted clock (`faketime '+400d' swift test`) that timer can stall and a child that already
/// exited is waited for forever. The termination handler needs no timer.
public final class ExitWatch: @unchecked Sendable {
  private let condition = NSCondition()
  private var exited = false

  fileprivate init() {}

  fileprivate func markExited() {
    condition.withLock {
      exited = true
      condition.broadcast()
    }
  }

  /// Blocks until the process has exited (immediately if it already has).
  public func waitForExit() {
    condition.withLock {
      while !exited { condition.wait() }
    }
  }
}

extension Process {
  /// Starts the process with a termination handler installed first, so its exit cannot be
  /// missed, and returns the watch to wait on.
  public func startWatched() throws -> ExitWatch {
    let watch = ExitWatch()
    terminationHandler = { _ in watch.markExited() }
    try run()
    return watch
  }
}
