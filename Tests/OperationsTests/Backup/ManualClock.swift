import Operations
import Synchronization

/// A clock the test moves: wall time jumps where the test says; the monotonic reading
/// advances by one millisecond per read so durations are positive.
final class ManualClock: BackupClock {
  private let state: Mutex<(now: Int64, monotonic: UInt64)>

  init(_ now: Int64) {
    state = Mutex((now, 1_000_000_000))
  }

  var now: Int64 { state.withLock { $0.now } }

  var monotonicNanoseconds: UInt64 {
    state.withLock { value in
      value.monotonic += 1_000_000
      return value.monotonic
    }
  }

  func set(_ instant: Int64) { state.withLock { $0.now = instant } }

  func advance(_ seconds: Int64) { state.withLock { $0.now += seconds } }
}
