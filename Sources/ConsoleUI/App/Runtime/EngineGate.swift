import Model
import Foundation

/// The lock that serialises engine work between the console's worker and its background
/// backup scheduler, so a scheduled backup never runs in the middle of a command.
///
/// The scheduler takes it when it opens its target for a due slot and gives it back when it
/// closes the target, so the lock is exposed as a pair of calls as well as a scope.
final class EngineGate: @unchecked Sendable {
  // NSLock is itself thread-safe; this class adds no state of its own.
  private let lock = NSLock()

  /// Runs `body` holding the gate.
  func withGate<Result>(_ body: () throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  /// Takes the gate, waiting for the holder.
  func enter() { lock.lock() }

  /// Gives the gate back.
  func leave() { lock.unlock() }
}
