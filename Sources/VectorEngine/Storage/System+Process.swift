// The process's side of the engine's one system-call layer (see the header of System.swift):
// processors, the wall clock, the termination signals a long-running command waits for, and
// the low-priority threads that index builds run on.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension System {
  /// The number of processors online; the corresponding C function is `sysconf`.
  static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// Seconds since the Unix epoch, from the real-time clock; the corresponding C function is
  /// `clock_gettime`.
  static var wallClockSeconds: Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec)
  }

  /// Blocks SIGTERM and SIGINT for the calling thread and the threads it starts later, so they
  /// wait for ``waitForTerminationSignal(seconds:)``; the C function is `pthread_sigmask`.
  package static func blockTerminationSignals() {
    var set = terminationSignals
    pthread_sigmask(SIG_BLOCK, &set, nil)
  }

  /// Waits up to `seconds` for SIGTERM or SIGINT; returns the signal's name, or `nil` when the
  /// time ran out. The corresponding C function is `sigtimedwait`.
  package static func waitForTerminationSignal(seconds: Int64) -> String? {
    var set = terminationSignals
    var timeout = timespec(tv_sec: Int(max(0, seconds)), tv_nsec: 0)
    while true {
      let received = sigtimedwait(&set, nil, &timeout)
      if received == SIGTERM { return "SIGTERM" }
      if received == SIGINT { return "SIGINT" }
      if received < 0 && errno == EINTR { continue }
      return nil
    }
  }

  /// Runs `body(index)` for each index below `count` on as many new threads, each at a lower
  /// scheduling priority than the caller's (its nice value raised by 10, which any thread may do
  /// to itself), and returns when all have finished. Index builds run this way: when searches
  /// and a build want the same cores the searches get them, and on idle cores the build runs
  /// at full speed. The threads end with the call, so the lowered priority goes with them.
  /// `body` must not queue work on a shared pool (Dispatch, Swift's tasks): a thread such a pool
  /// starts from it would inherit the lowered priority and keep it. A thread that cannot be
  /// started is replaced by a call on the caller's thread. The C functions are
  /// `pthread_create`, `setpriority` (Linux keeps a nice value per thread) and `pthread_join`.
  static func runOnLowPriorityThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    var started: [pthread_t] = []
    for index in 0..<count {
      let context = Unmanaged.passRetained(LowPriorityWork(body: body, index: index)).toOpaque()
      var thread = pthread_t()
      if pthread_create(&thread, nil, runLowPriorityWork, context) == 0 {
        started.append(thread)
      } else {
        Unmanaged<LowPriorityWork>.fromOpaque(context).release()
        body(index)
      }
    }
    for thread in started { pthread_join(thread, nil) }
  }

  /// Raises the calling thread's nice value by `steps` (at most to 19), for good: a thread
  /// without privileges cannot lower it again. The C function is `setpriority`.
  fileprivate static func lowerCurrentThreadPriority(by steps: Int32) {
    guard let current = currentThreadNiceValue else { return }
    #if os(Linux)
    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + steps))
    #endif
  }

  /// The calling thread's nice value (`nil` if it cannot be read). Linux reads `who` 0 with
  /// `PRIO_PROCESS` as the calling thread, not the whole process. The C function is
  /// `getpriority`.
  static var currentThreadNiceValue: Int32? {
    #if os(Linux)
    errno = 0
    let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    return errno == 0 ? value : nil
    #else
    return nil
    #endif
  }

  private static var terminationSignals: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM)
    sigaddset(&set, SIGINT)
    return set
  }
}

/// One thread's share of ``System/runOnLowPriorityThreads(_:_:)``: what it runs, and its index.
private final class LowPriorityWork: Sendable {
  let body: @Sendable (Int) -> Void
  let index: Int

  init(body: @escaping @Sendable (Int) -> Void, index: Int) {
    self.body = body
    self.index = index
  }
}

/// The start routine of a thread of ``System/runOnLowPriorityThreads(_:_:)``: takes its
/// ``LowPriorityWork`` (retained for it), lowers the thread's priority and runs it.
private func runLowPriorityWork(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  guard let context else { return nil }
  let work = Unmanaged<LowPriorityWork>.fromOpaque(context).takeRetainedValue()
  System.lowerCurrentThreadPriority(by: 10)
  work.body(work.index)
  return nil
}
