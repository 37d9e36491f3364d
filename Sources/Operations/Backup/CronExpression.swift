import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as in
/// Vixie/Debian cron: numbers, `*`, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b`, month
/// and weekday names (`jan`, `mon`), weekday 7 = Sunday, and the macros `@hourly`, `@daily`,
/// `@weekly`, `@monthly`, `@yearly`. When both day fields are restricted a day matches if
/// either does (cron's rule).
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
  /// Minutes 0…59 that match (bit n = minute n).
  public private(set) var minutes: UInt64 = 0
  /// Hours 0…23 that match.
  public private(set) var hours: UInt32 = 0
  /// Days of the month 1…31 that match.
  public private(set) var daysOfMonth: UInt32 = 0
  /// Months 1…12 that match.
  public private(set) var months: UInt16 = 0
  /// Weekdays 0 (Sunday) … 6 that match.
  public private(set) var weekdays: UInt8 = 0
  private var dayOfMonthRestricted = false
  private var weekdayRestricted = false
  /// The expression as given (macros expanded).
  public let description: String

  private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
  private static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

  /// Parses an expression.
  ///
  /// - Throws: ``ScheduleSyntaxError`` naming the field and the problem.
  public init(_ text: String) throws(ScheduleSyntaxError) {
    var source = text.trimmingCharacters(in: .whitespaces).lowercased()
    if source.hasPrefix("cron_tz=") || source.hasPrefix("tz=") {
      throw ScheduleSyntaxError("a time zone inside the cron expression is not accepted; use --tz")
    }
    switch source {
    case "@hourly": source = "0 * * * *"
    case "@daily", "@midnight": source = "0 0 * * *"
    case "@weekly": source = "0 0 * * 0"
    case "@monthly": source = "0 0 1 * *"
    case "@yearly", "@annually": source = "0 0 1 1 *"
    default:
      if source.hasPrefix("@") { throw ScheduleSyntaxError("unknown cron macro \(source)") }
    }
    let fields = source.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard fields.count == 5 else {
      throw ScheduleSyntaxError(
        "a cron expression has 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
    }
    description = fields.joined(separator: " ")
    let minuteBits = try Self.parse(fields[0], field: "minute", range: 0...59, names: [])
    let hourBits = try Self.parse(fields[1], field: "hour", range: 0...23, names: [])
    let dayBits = try Self.parse(fields[2], field: "day-of-month", range: 1...31, names: [])
    let monthBits = try Self.parse(fields[3], field: "month", range: 1...12, names: Self.monthNames, nameBase: 1)
    var weekdayBits = try Self.parse(fields[4], field: "day-of-week", range: 0...7, names: Self.weekdayNames)
    if weekdayBits & (1 << 7) != 0 { weekdayBits = (weekdayBits | 1) & 0x7F }
    minutes = minuteBits
    hours = UInt32(hourBits)
    daysOfMonth = UInt32(dayBits)
    months = UInt16(monthBits)
    weekdays = UInt8(weekdayBits)
    dayOfMonthRestricted = !fields[2].hasPrefix("*")
    weekdayRestricted = !fields[4].hasPrefix("*")
  }

  /// Whether the expression's hour and minute sets match.
  public func matches(hour: Int, minute: Int) -> Bool {
    hours & (1 << UInt32(hour)) != 0 && minutes & (1 << UInt64(minute)) != 0
  }

  /// Whether a calendar day matches the month and day fields.
  public func matches(year: Int, month: Int, day: Int, weekday: Int) -> Bool {
    guard months & (1 << UInt16(month)) != 0 else { return false }
    let dayMatches = daysOfMonth & (1 << UInt32(day)) != 0
    let weekdayMatches = weekdays & (1 << UInt8(weekday)) != 0
    if dayOfMonthRestricted && weekdayRestricted { return dayMatches || weekdayMatches }
    return dayMatches && weekdayMatches
  }

  /// The matching (hour, minute) pairs of a day, ascending.
  public var timesOfDay: [(hour: Int, minute: Int)] {
    var result: [(hour: Int, minute: Int)] = []
    for hour in 0..<24 where hours & (1 << UInt32(hour)) != 0 {
      for minute in 0..<60 where minutes & (1 << UInt64(minute)) != 0 {
        result.append((hour, minute))
      }
    }
    return result
  }

  private static func parse(
    _ field: String, field name: String, range: ClosedRange<Int>, names: [String], nameBase: Int = 0
  ) throws(ScheduleSyntaxError) -> UInt64 {
    var bits: UInt64 = 0
    for item in field.split(separator: ",", omittingEmptySubsequences: false) {
      guard !item.isEmpty else { throw ScheduleSyntaxError("empty list item in the \(name) field") }
      let parts = item.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count <= 2 else { throw ScheduleSyntaxError("\(item) in the \(name) field has more than one /") }
      var step = 1
      if parts.count == 2 {
        guard let value = Int(parts[1]), value >= 1, value <= range.upperBound + 1 else {
          throw ScheduleSyntaxError(
            "step \(parts[1]) in the \(name) field is not a number from 1 to \(range.upperBound + 1)")
        }
        step = value
      }
      let base = parts[0]
      var low = range.lowerBound
      var high = range.upperBound
      if base != "*" {
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2 else {
          throw ScheduleSyntaxError("\(base) in the \(name) field is not a value or range")
        }
        low = try value(bounds[0], field: name, range: range, names: names, nameBase: nameBase)
        high =
          bounds.count == 2 ? try value(bounds[1], field: name, range: range, names: names, nameBase: nameBase) : low
        if bounds.count == 1 && parts.count == 2 { high = range.upperBound }
        guard low <= high else { throw ScheduleSyntaxError("range \(base) in the \(name) field runs backwards") }
      }
      var current = low
      while current <= high {
        bits |= 1 << UInt64(current)
        current += step
      }
    }
    return bits
  }

  private static func value(
    _ text: Substring, field: String, range: ClosedRange<Int>, names: [String], nameBase: Int
  ) throws(ScheduleSyntaxError) -> Int {
    if let number = Int(text), range.contains(number) { return number }
    if let index = names.firstIndex(of: String(text)) { return index + nameBase }
    throw ScheduleSyntaxError(
      "\(text) is not a valid \(field) (\(range.lowerBound)-\(range.upperBound)\(names.isEmpty ? "" : " or a name like \(names[0])"))"
    )
  }
}
