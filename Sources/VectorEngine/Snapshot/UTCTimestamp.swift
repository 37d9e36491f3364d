/// A UTC calendar time from Unix seconds, without Foundation (days-to-civil conversion of the
/// proleptic Gregorian calendar).
struct UTCTimestamp: Hashable, Sendable {
  var year: Int
  var month: Int
  var day: Int
  var hour: Int
  var minute: Int
  var second: Int

  init(epochSeconds: Int64) {
    let days = Int(epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400)
    let secondsOfDay = Int(epochSeconds - Int64(days) * 86_400)
    hour = secondsOfDay / 3_600
    minute = secondsOfDay % 3_600 / 60
    second = secondsOfDay % 60
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  /// `2026-11-27-09-30-00`, as in snapshot names.
  var fileStamp: String {
    "\(year)-\(Self.two(month))-\(Self.two(day))-\(Self.two(hour))-\(Self.two(minute))-\(Self.two(second))"
  }

  /// `2026-11-27T09:30:00Z` (RFC 3339).
  var rfc3339: String {
    "\(year)-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))Z"
  }
}
