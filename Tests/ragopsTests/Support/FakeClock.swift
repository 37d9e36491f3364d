import Foundation

/// Instants for the `faketime` wrapper (Debian package `faketime`, installed by `.ci/run`),
/// always derived from the test process's own clock, so a test means the same thing on any
/// day, in any time zone, and under a test run that is itself on a shifted clock.
///
/// Instants are handed over as epoch seconds (`FAKETIME_FMT=%s`): `faketime`'s absolute
/// `@YYYY-MM-DD hh:mm:ss` form is read in the machine's time zone, and its relative `+N` form
/// is relative to the real clock, not to the clock the test process sees.
enum FakeClock {
  /// The test process's clock, seconds since the epoch.
  static var now: Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

  /// The first UTC midnight strictly after `instant`.
  static func nextUTCMidnight(after instant: Int64) -> Int64 {
    (instant / 86_400 + 1) * 86_400
  }

  /// The path of the `faketime` executable.
  static var executable: String {
    ["/usr/bin/faketime", "/usr/local/bin/faketime"].first { FileManager.default.isExecutableFile(atPath: $0) }
      ?? "faketime"
  }

  /// `faketime` arguments that start `command` at `instant`, its clock running `speed` times
  /// faster than the real one from then on.
  static func arguments(startingAt instant: Int64, speed: Int = 1, _ command: [String]) -> [String] {
    ["-f", speed == 1 ? "@\(instant)" : "@\(instant) x\(speed)"] + command
  }

  /// The environment `faketime` needs to read ``arguments(startingAt:speed:_:)``.
  static var environment: [String: String] { ["FAKETIME_FMT": "%s"] }
}
