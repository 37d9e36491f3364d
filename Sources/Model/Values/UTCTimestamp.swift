/// A UTC calendar time from Unix seconds, without Foundation (days-to-civil conversion of the
/// proleptic Gregorian calendar).
public struct UTCTimestamp: Hashable, Sendable {
  /// The year, e.g. 2026.
  public var year: Int
  /// The month, 1…12.
  public var month: Int
  /// The day of the month, 1…31.
  public var day: Int
  /// The hour, 0…23.
  public var hour: Int
  /// The minute, 0…59.
  public var minute: Int
  /// The second, 0…59.
  public var second: Int

  /// The calendar time of a Unix time.
  public init(epochSeconds: Int64) {
    let days = Self.floorDivide(epochSeconds, 86_400)
    let secondsOfDay = Int(epochSeconds - days * 86_400)
    hour = secondsOfDay / 3_600
    minute = secondsOfDay % 3_600 / 60
    second = secondsOfDay % 60
    let shifted = Int(days) + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// A calendar time from its fields (not validated: 31 February is 3 March).
  public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    self.init(
      epochSeconds: Self.days(year: year, month: month, day: day) * 86_400
        + Int64(hour * 3_600 + minute * 60 + second))
  }

  /// Days from 1970-01-01 to the given date (negative before it).
  public static func days(year: Int, month: Int, day: Int) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return Int64(era * 146_097 + dayOfEra - 719_468)
  }

  /// The number of days in a month of a year.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    let next = month == 12 ? days(year: year + 1, month: 1, day: 1) : days(year: year, month: month + 1, day: 1)
    return Int(next - days(year: year, month: month, day: 1))
  }

  /// Unix seconds.
  public var epochSeconds: Int64 {
    Self.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
  }

  /// The day of the week, 0 = Sunday … 6 = Saturday.
  public var weekday: Int {
    let days = Self.days(year: year, month: month, day: day)
    return Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4)
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  /// `2026-11-27-09-30-00`, as in snapshot names.
  public var fileStamp: String {
    "\(year)-\(Self.two(month))-\(Self.two(day))-\(Self.two(hour))-\(Self.two(minute))-\(Self.two(second))"
  }

  /// `20261127T0930Z`: a minute-resolution stamp, as in scheduled backup names.
  public var compactMinuteStamp: String {
    "\(year)\(Self.two(month))\(Self.two(day))T\(Self.two(hour))\(Self.two(minute))Z"
  }

  /// `2026-11-27T09:30:00Z` (RFC 3339).
  public var rfc3339: String {
    "\(year)-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))Z"
  }

  /// `2026-11-27 09:30` (UTC implied), for tables.
  public var shortText: String {
    "\(year)-\(Self.two(month))-\(Self.two(day)) \(Self.two(hour)):\(Self.two(minute))"
  }
}
