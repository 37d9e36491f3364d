import Model
import Dispatch

/// The lock that serialises engine work between the console's worker and its background
/// backup scheduler, so a scheduled backup never runs in the middle of a command.
///
/// The scheduler takes it when it opens its target for a due slot and gives it back when it
/// closes the target, so the lock is exposed as a pair of calls as well as a scope.
///
/// A semaphore, not a mutex: the worker's effects are async, so the gate may be given back on
/// another thread than the one that took it.
final class EngineGate: Sendable {
  private let semaphore = DispatchSemaphore(value: 1)

  /// Takes the gate, waiting for the holder.
  func enter() { semaphore.wait() }

  /// Gives the gate back.
  func leave() { semaphore.signal() }
}
