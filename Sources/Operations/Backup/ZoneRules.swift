import Foundation
import Model

/// Converts between UTC instants and the local calendar times of one IANA time zone, with the
/// scheduler's daylight-saving rules (backup rules R6): a local time that does not exist (the
/// spring-forward gap) maps to the first instant after the gap; a local time that happens
/// twice (fall-back) maps to its first occurrence.
public struct ZoneRules: Sendable {
  /// The zone's IANA identifier, e.g. `UTC` or `Europe/Berlin`.
  public let identifier: String
  private let zone: TimeZone?

  /// The rules of a zone.
  ///
  /// - Throws: ``ScheduleSyntaxError`` when the system has no such zone.
  public init(_ identifier: String) throws(ScheduleSyntaxError) {
    if identifier == "UTC" || identifier == "Etc/UTC" || identifier == "Z" {
      self.identifier = "UTC"
      zone = nil
      return
    }
    guard let zone = TimeZone(identifier: identifier) else {
      throw ScheduleSyntaxError("unknown time zone \(identifier) (use an IANA name such as UTC or Europe/Berlin)")
    }
    self.identifier = identifier
    self.zone = zone
  }

  /// The offset from UTC in seconds at an instant.
  public func offset(at instant: Int64) -> Int64 {
    guard let zone else { return 0 }
    return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
  }

  /// The local calendar time at an instant.
  public func localTime(at instant: Int64) -> UTCTimestamp {
    UTCTimestamp(epochSeconds: instant + offset(at: instant))
  }

  /// The instant of a local calendar time, by the rules above.
  ///
  /// - Complexity: O(log 86,400) offset look-ups in a gap, else O(1).
  public func instant(of local: UTCTimestamp) -> Int64 {
    let civil = local.epochSeconds
    guard zone != nil else { return civil }
    let before = offset(at: civil - 86_400)
    let after = offset(at: civil + 86_400)
    let candidates = Set([civil - before, civil - after, civil - offset(at: civil)])
    let valid = candidates.filter { civil - offset(at: $0) == $0 }
    if let first = valid.min() { return first }
    // In a gap: the transition lies between the two readings; find its first instant.
    var low = min(civil - before, civil - after)
    var high = max(civil - before, civil - after)
    let lowOffset = offset(at: low)
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if offset(at: middle) == lowOffset { low = middle } else { high = middle }
    }
    return high
  }
}
