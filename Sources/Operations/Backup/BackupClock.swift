import Foundation

/// Where the backup rules read time: the wall clock for slots (Unix seconds, UTC) and a
/// monotonic clock for durations. Tests inject a clock they move by hand.
public protocol BackupClock: Sendable {
  /// Wall-clock Unix time in seconds.
  var now: Int64 { get }
  /// A monotonic reading in nanoseconds (only differences mean anything).
  var monotonicNanoseconds: UInt64 { get }
}

/// The system's clocks.
public struct SystemBackupClock: BackupClock {
  /// Creates the system clock.
  public init() {}

  /// Wall-clock Unix time in seconds.
  public var now: Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

  /// `DispatchTime`'s monotonic nanoseconds.
  public var monotonicNanoseconds: UInt64 { DispatchTime.now().uptimeNanoseconds }
}
