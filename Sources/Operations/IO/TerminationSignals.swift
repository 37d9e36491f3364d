#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// SIGTERM and SIGINT, taken out of asynchronous delivery so a long-running process decides
/// when to stop: between backups, never in the middle of one.
public enum TerminationSignals {
  /// Blocks SIGTERM and SIGINT for the calling thread and the threads it starts later; call
  /// it first thing in `main`.
  public static func block() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_BLOCK, &set, nil)
  }

  /// Waits up to `seconds` for SIGTERM or SIGINT; returns the signal's name, or `nil` when the
  /// time ran out.
  public static func wait(seconds: Int64) -> String? {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM)
    sigaddset(&set, SIGINT)
    var timeout = timespec(tv_sec: Int(max(0, seconds)), tv_nsec: 0)
    while true {
      let received = sigtimedwait(&set, nil, &timeout)
      if received == SIGTERM { return "SIGTERM" }
      if received == SIGINT { return "SIGINT" }
      if received < 0 && errno == EINTR { continue }
      return nil
    }
  }
}
