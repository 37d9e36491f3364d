import Model
import Synchronization

/// Actions posted by the worker and the scheduler, drained by the loop each turn.
final class Mailbox: Sendable {
  private let pending = Mutex<[AppAction]>([])

  /// Queues `action` for the loop.
  func post(_ action: AppAction) {
    pending.withLock { $0.append(action) }
  }

  /// Takes every queued action, oldest first.
  func drain() -> [AppAction] {
    pending.withLock { actions in
      defer { actions.removeAll(keepingCapacity: true) }
      return actions
    }
  }
}
