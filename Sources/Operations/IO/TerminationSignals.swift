import VectorEngine

/// SIGTERM and SIGINT, taken out of asynchronous delivery so a long-running process decides
/// when to stop: between backups, never in the middle of one.
public enum TerminationSignals {
  /// Blocks SIGTERM and SIGINT for the calling thread and the threads it starts later; call
  /// it first thing in `main`.
  public static func block() {
    System.blockTerminationSignals()
  }

  /// Waits up to `seconds` for SIGTERM or SIGINT; returns the signal's name, or `nil` when the
  /// time ran out.
  public static func wait(seconds: Int64) -> String? {
    System.waitForTerminationSignal(seconds: seconds)
  }
}
