import Synchronization
import VectorEngine

/// An action run once, from a crash recorder's observer, at the first logged call that
/// matches: how a workload does something in the middle of another call (a write while a
/// snapshot is being copied) at the same place every run.
///
/// The action runs on the thread that made the matching call, inside that call, so what it
/// does is logged between that call and the next.
package final class CrashTrigger: Sendable {
  private let matches: @Sendable (CrashRecorder.Operation) -> Bool
  private let action = Mutex<(@Sendable () -> Void)?>(nil)

  /// A trigger for the first call for which `matches` holds.
  package init(when matches: @escaping @Sendable (CrashRecorder.Operation) -> Bool) {
    self.matches = matches
  }

  /// Sets what to run at the first matching call from now on.
  package func arm(_ body: @escaping @Sendable () -> Void) {
    action.withLock { $0 = body }
  }

  /// The observer to give the recorder.
  package func observe(_ count: Int, _ operation: CrashRecorder.Operation) {
    guard matches(operation) else { return }
    let body = action.withLock { action -> (@Sendable () -> Void)? in
      defer { action = nil }
      return action
    }
    body?()
  }
}
