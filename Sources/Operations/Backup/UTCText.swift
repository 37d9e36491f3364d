import Model

/// How the backup layer writes instants for people: UTC, minute or second precision.
public enum UTCText {
  /// `2026-11-27 02:00` (UTC).
  public static func minute(_ instant: Int64) -> String {
    UTCTimestamp(epochSeconds: instant).shortText
  }

  /// `2026-11-27T02:00:00Z`.
  public static func rfc3339(_ instant: Int64) -> String {
    UTCTimestamp(epochSeconds: instant).rfc3339
  }
}
