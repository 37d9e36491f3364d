import Dispatch
import Foundation
import Synchronization

/// Threads of the server's own for the requests that may block: writes (which wait for the
/// collection's writers lock, a seal's graph build and the WAL fsync), snapshots and
/// maintenance.
///
/// Swift's cooperative pool has one thread per core. A handler that blocks one of them (a
/// snapshot building its segment for seconds, an upsert waiting behind it) takes that core's
/// share of the searches with it: on two cores, two such requests stopped every search until
/// they finished. Run under this executor (`withTaskExecutorPreference`), a handler blocks one
/// of these threads instead, and the cooperative pool stays free for searches. A task that
/// awaits (a body still arriving) holds no thread here either; jobs beyond the threads wait in
/// a queue.
final class BlockingWorkExecutor: TaskExecutor, @unchecked Sendable {
  // @unchecked: `pending` is a Mutex, `available` a semaphore; nothing else changes after init.

  /// Jobs enqueued and not yet taken by a thread, oldest first.
  private let pending = Mutex<[UnownedJob]>([])
  /// Counts the jobs in `pending`; a thread waits on it for the next one.
  private let available = DispatchSemaphore(value: 0)

  /// Starts `threads` threads (at least one) that run the jobs enqueued, for the life of
  /// the process.
  init(threads: Int) {
    for index in 0..<max(1, threads) {
      let thread = Thread { [self] in runJobs() }
      thread.name = "ragops.block.\(index)"
      thread.start()
    }
  }

  /// Queues `job` for the next free thread.
  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    pending.withLock { $0.append(job) }
    available.signal()
  }

  /// Whether the caller runs on a thread of one of these executors (the handlers of writing
  /// endpoints always do).
  static var isCurrentThreadOne: Bool { Thread.current.threadDictionary[threadKey] != nil }

  /// The key that marks these executors' threads in their thread dictionary.
  private static let threadKey = "ragops.blocking-work"

  /// One thread's loop: takes the oldest job and runs it, forever.
  private func runJobs() {
    Thread.current.threadDictionary[Self.threadKey] = true
    while true {
      available.wait()
      let job = pending.withLock { $0.removeFirst() }
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}
