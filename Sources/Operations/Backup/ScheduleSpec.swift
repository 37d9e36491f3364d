import Model

/// When a schedule fires: a daily, weekly or monthly time, a cron expression, or a fixed
/// interval, in an explicit time zone (UTC unless told otherwise: backup rule R1).
///
/// Every occurrence is a *slot*, identified by its nominal instant in UTC at minute
/// resolution (rule R2).
public struct ScheduleSpec: Hashable, Sendable, CustomStringConvertible {
  /// The kinds of specification.
  public enum Frequency: Hashable, Sendable {
    /// Every day at a time.
    case daily(hour: Int, minute: Int)
    /// One weekday (0 = Sunday) at a time.
    case weekly(weekday: Int, hour: Int, minute: Int)
    /// One day of the month at a time (months without that day are skipped).
    case monthly(day: Int, hour: Int, minute: Int)
    /// A cron expression.
    case cron(CronExpression)
    /// A fixed interval in seconds (whole minutes), slots at multiples of it since the epoch.
    case every(seconds: Int64)
  }

  /// The frequency.
  public let frequency: Frequency
  /// The zone the times are in.
  public let zone: String
  private let cron: CronExpression?
  private let rules: ZoneRules

  public static func == (lhs: ScheduleSpec, rhs: ScheduleSpec) -> Bool {
    lhs.frequency == rhs.frequency && lhs.zone == rhs.zone
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(frequency)
    hasher.combine(zone)
  }

  private static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

  /// A specification.
  ///
  /// - Throws: ``ScheduleSyntaxError`` for an unknown zone or an out-of-range value.
  public init(_ frequency: Frequency, zone: String = "UTC") throws(ScheduleSyntaxError) {
    rules = try ZoneRules(zone)
    self.zone = rules.identifier
    self.frequency = frequency
    switch frequency {
    case .daily(let hour, let minute):
      cron = try CronExpression("\(minute) \(hour) * * *")
    case .weekly(let weekday, let hour, let minute):
      guard (0...6).contains(weekday) else { throw ScheduleSyntaxError("weekday \(weekday) is not 0-6") }
      cron = try CronExpression("\(minute) \(hour) * * \(weekday)")
    case .monthly(let day, let hour, let minute):
      guard (1...31).contains(day) else { throw ScheduleSyntaxError("day of month \(day) is not 1-31") }
      cron = try CronExpression("\(minute) \(hour) \(day) * *")
    case .cron(let expression):
      cron = expression
    case .every(let seconds):
      guard seconds >= 60, seconds % 60 == 0, seconds <= 366 * 86_400 else {
        throw ScheduleSyntaxError("an interval must be whole minutes from 1m to 366d")
      }
      cron = nil
    }
  }

  /// Parses the stored form (``description``): `daily 02:00`, `weekly mon 02:00`,
  /// `monthly 1 02:00`, `cron 0 2 * * *`, `every 6h`, each optionally followed by ` tz ZONE`.
  ///
  /// - Throws: ``ScheduleSyntaxError``.
  public init(stored text: String) throws(ScheduleSyntaxError) {
    var words = text.split(separator: " ").map(String.init)
    var zone = "UTC"
    if words.count >= 2, words[words.count - 2] == "tz" {
      zone = words.removeLast()
      words.removeLast()
    }
    guard let kind = words.first else { throw ScheduleSyntaxError("empty schedule") }
    let rest = Array(words.dropFirst())
    switch (kind, rest.count) {
    case ("daily", 1):
      let (hour, minute) = try Self.time(rest[0])
      try self.init(.daily(hour: hour, minute: minute), zone: zone)
    case ("weekly", 2):
      let (hour, minute) = try Self.time(rest[1])
      try self.init(.weekly(weekday: try Self.weekday(rest[0]), hour: hour, minute: minute), zone: zone)
    case ("monthly", 2):
      guard let day = Int(rest[0]) else { throw ScheduleSyntaxError("day of month \(rest[0]) is not a number") }
      let (hour, minute) = try Self.time(rest[1])
      try self.init(.monthly(day: day, hour: hour, minute: minute), zone: zone)
    case ("cron", 5):
      try self.init(.cron(try CronExpression(rest.joined(separator: " "))), zone: zone)
    case ("every", 1):
      try self.init(.every(seconds: try DurationText.seconds(rest[0])), zone: zone)
    default:
      throw ScheduleSyntaxError("\(text) is not a schedule")
    }
  }

  /// `HH:MM` as (hour, minute).
  ///
  /// - Throws: ``ScheduleSyntaxError``.
  public static func time(_ text: String) throws(ScheduleSyntaxError) -> (hour: Int, minute: Int) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
      (0...23).contains(hour), (0...59).contains(minute)
    else { throw ScheduleSyntaxError("\(text) is not a time HH:MM (00:00-23:59)") }
    return (hour, minute)
  }

  /// A weekday name or number (0 or 7 = Sunday) as 0…6.
  ///
  /// - Throws: ``ScheduleSyntaxError``.
  public static func weekday(_ text: String) throws(ScheduleSyntaxError) -> Int {
    let lower = text.lowercased()
    if let number = Int(lower), (0...7).contains(number) { return number % 7 }
    if let index = weekdayNames.firstIndex(where: { lower.hasPrefix($0) && lower.count >= 3 }) { return index }
    throw ScheduleSyntaxError("\(text) is not a weekday (mon … sun or 0-7)")
  }

  /// The stored and displayed form, e.g. `daily 02:00` or `cron 0 */6 * * * tz Europe/Berlin`.
  public var description: String {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let base: String
    switch frequency {
    case .daily(let hour, let minute): base = "daily \(two(hour)):\(two(minute))"
    case .weekly(let weekday, let hour, let minute):
      base = "weekly \(Self.weekdayNames[weekday]) \(two(hour)):\(two(minute))"
    case .monthly(let day, let hour, let minute): base = "monthly \(day) \(two(hour)):\(two(minute))"
    case .cron(let expression): base = "cron \(expression.description)"
    case .every(let seconds): base = "every \(DurationText.text(seconds))"
    }
    return zone == "UTC" ? base : base + " tz " + zone
  }

  /// The first slot strictly after `instant`, or `nil` when there is none within eight years
  /// (e.g. `cron 0 0 31 2 *`).
  ///
  /// - Complexity: O(days searched × matching times of day).
  public func nextSlot(after instant: Int64) -> Int64? {
    guard let cron else {
      guard case .every(let seconds) = frequency else { return nil }
      let floor = instant >= 0 ? instant / seconds : (instant - seconds + 1) / seconds
      return (floor + 1) * seconds
    }
    let times = cron.timesOfDay
    guard !times.isEmpty else { return nil }
    // Start a day early: a local day's slots may fall before `instant`'s local date.
    let start = rules.localTime(at: instant - 86_400)
    var day = UTCTimestamp(year: start.year, month: start.month, day: start.day)
    for _ in 0..<(366 * 8 + 2) {
      if cron.matches(year: day.year, month: day.month, day: day.day, weekday: day.weekday) {
        // Local order is instant order under the gap and fall-back rules, so the first
        // local time after `instant` is the earliest slot.
        for time in times {
          let local = UTCTimestamp(year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute)
          let slot = rules.instant(of: local)
          if slot > instant { return slot }
        }
      }
      day = UTCTimestamp(epochSeconds: day.epochSeconds + 86_400)
    }
    return nil
  }

  /// The nominal time between slots, from the first two after `instant` (for defaults such as
  /// the starting deadline).
  public func nominalInterval(after instant: Int64) -> Int64 {
    guard let first = nextSlot(after: instant), let second = nextSlot(after: first) else { return 86_400 }
    return second - first
  }

  /// The default starting deadline: half the interval, at most six hours, at least a minute.
  public func defaultDeadline(after instant: Int64) -> Int64 {
    max(60, min(nominalInterval(after: instant) / 2, 6 * 3_600))
  }
}
