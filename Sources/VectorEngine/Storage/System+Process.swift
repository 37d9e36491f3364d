// The process's side of the engine's one system-call layer (see the header of System.swift):
// processors, the wall clock, and the termination signals a long-running command waits for.

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

  private static var terminationSignals: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM)
    sigaddset(&set, SIGINT)
    return set
  }
}
