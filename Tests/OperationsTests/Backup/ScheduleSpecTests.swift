import Operations
import TestSupport
import Testing
import VectorEngine
@testable import Model

/// Cron parsing, slot computation and the daylight-saving rules (R1, R2, R6).
struct ScheduleSpecTests {
  private func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Int64 {
    UTCTimestamp(year: year, month: month, day: day, hour: hour, minute: minute).epochSeconds
  }

  @Test func cronFieldsParseRangesStepsListsAndNames() throws {
    let cron = try CronExpression("*/15 2-4,22 1,15 jan-mar mon-fri")
    #expect(cron.timesOfDay.count == 4 * 4)
    #expect(cron.matches(hour: 22, minute: 45))
    #expect(!cron.matches(hour: 5, minute: 0))
    // Both day fields restricted: either matches (cron's rule).
    #expect(cron.matches(year: 2026, month: 2, day: 15, weekday: 0))
    #expect(cron.matches(year: 2026, month: 2, day: 3, weekday: 2))
    #expect(!cron.matches(year: 2026, month: 2, day: 7, weekday: 6))
    #expect(!cron.matches(year: 2026, month: 4, day: 1, weekday: 3))
    #expect(try CronExpression("0 0 * * 7").matches(year: 2026, month: 11, day: 29, weekday: 0))
    #expect(try CronExpression("@daily").description == "0 0 * * *")
  }

  @Test(arguments: [
    "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *",
    "* * * *", "a b c d e", "1,,2 * * * *", "@sometimes", "CRON_TZ=Europe/Berlin 0 2 * * *", "1/2/3 * * * *",
  ])
  func malformedCronIsRefusedWithAMessage(_ text: String) {
    #expect(throws: ScheduleSyntaxError.self) { try CronExpression(text) }
  }

  @Test func arbitraryTextNeverTrapsAndParsedExpressionsTerminate() throws {
    var generator = SeededGenerator(seed: 11)
    let alphabet = Array("0123456789*/-,@ abcdefghijklmnopqrstuvwxyz\t=_")
    var parsed = 0
    for _ in 0..<3_000 {
      let length = Int.random(in: 0...24, using: &generator)
      let text = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
      if let cron = try? CronExpression(text) {
        parsed += 1
        _ = try ScheduleSpec(.cron(cron)).nextSlot(after: 1_800_000_000)
      }
      _ = try? DurationText.seconds(text)
      _ = try? ScheduleSpec(stored: text)
    }
    // Structured random expressions parse, and their slots terminate.
    for _ in 0..<300 {
      let fields = (0..<5).map { index -> String in
        let upper = [59, 23, 31, 12, 7][index]
        let lower = index == 2 || index == 3 ? 1 : 0
        let low = Int.random(in: lower...upper, using: &generator)
        return ["*", "\(low)", "\(low)-\(upper)", "*/\(Int.random(in: 1...upper, using: &generator))"][
          Int.random(in: 0..<4, using: &generator)]
      }
      let cron = try CronExpression(fields.joined(separator: " "))
      _ = try ScheduleSpec(.cron(cron)).nextSlot(after: 1_800_000_000)
      parsed += 1
    }
    #expect(parsed >= 300)
    #expect(throws: ScheduleSyntaxError.self) { try DurationText.seconds(String(repeating: "999999w", count: 400)) }
  }

  @Test func dailyWeeklyMonthlyAndEverySlots() throws {
    let now = instant(2026, 11, 27, 11, 0)
    let daily = try ScheduleSpec(.daily(hour: 2, minute: 0))
    #expect(daily.nextSlot(after: now) == instant(2026, 11, 28, 2, 0))
    #expect(daily.nextSlot(after: instant(2026, 11, 28, 2, 0)) == instant(2026, 11, 29, 2, 0))
    let weekly = try ScheduleSpec(.weekly(weekday: 1, hour: 3, minute: 30))  // Monday
    #expect(weekly.nextSlot(after: now) == instant(2026, 11, 30, 3, 30))
    let monthly = try ScheduleSpec(.monthly(day: 31, hour: 0, minute: 0))
    #expect(monthly.nextSlot(after: now) == instant(2026, 12, 31, 0, 0))
    #expect(monthly.nextSlot(after: instant(2026, 12, 31, 0, 0)) == instant(2027, 1, 31, 0, 0))
    #expect(monthly.nextSlot(after: instant(2027, 1, 31, 0, 0)) == instant(2027, 3, 31, 0, 0))
    let every = try ScheduleSpec(.every(seconds: 6 * 3_600))
    #expect(every.nextSlot(after: now) == instant(2026, 11, 27, 12, 0))
    #expect(every.nominalInterval(after: now) == 6 * 3_600)
    #expect(every.defaultDeadline(after: now) == 3 * 3_600)
    #expect(daily.defaultDeadline(after: now) == 6 * 3_600)
  }

  @Test func anImpossibleDateEndsTheSearch() throws {
    let spec = try ScheduleSpec(.cron(try CronExpression("0 0 31 2 *")))
    #expect(spec.nextSlot(after: instant(2026, 1, 1, 0, 0)) == nil)
  }

  @Test func storedFormRoundTrips() throws {
    for text in [
      "daily 02:00", "weekly mon 02:00", "monthly 1 23:59", "cron 0 */6 * * *", "every 6h",
      "daily 02:30 tz Europe/Berlin",
    ] {
      #expect(try ScheduleSpec(stored: text).description == text)
    }
    #expect(throws: ScheduleSyntaxError.self) { try ScheduleSpec(stored: "daily 25:00") }
    #expect(throws: ScheduleSyntaxError.self) { try ScheduleSpec(.daily(hour: 2, minute: 0), zone: "Mars/Olympus") }
    #expect(throws: ScheduleSyntaxError.self) { try ScheduleSpec(.every(seconds: 90)) }
  }

  @Test func slotsStrictlyIncreaseForManyExpressions() throws {
    var generator = SeededGenerator(seed: 7)
    let zones = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]
    for _ in 0..<40 {
      let minute = Int.random(in: 0...59, using: &generator)
      let hour = Int.random(in: 0...23, using: &generator)
      let spec = try ScheduleSpec(
        .cron(try CronExpression("\(minute) \(hour)-23/\(Int.random(in: 1...5, using: &generator)) * * *")),
        zone: zones[Int.random(in: 0..<zones.count, using: &generator)])
      var cursor = instant(2026, 3, 1, 0, 0)
      for _ in 0..<60 {
        let next = try #require(spec.nextSlot(after: cursor))
        #expect(next > cursor)
        cursor = next
      }
    }
  }

  // MARK: - Daylight saving (R6)

  /// Slots of a daily spec over a span, grouped by local calendar day.
  private func slotsPerLocalDay(_ spec: ScheduleSpec, zone: String, from start: Int64, days: Int) throws -> [String:
    Int]
  {
    let rules = try ZoneRules(zone)
    var counts: [String: Int] = [:]
    var cursor = start
    while let slot = spec.nextSlot(after: cursor), slot < start + Int64(days) * 86_400 {
      let local = rules.localTime(at: slot)
      counts["\(local.year)-\(local.month)-\(local.day)", default: 0] += 1
      cursor = slot
    }
    return counts
  }

  @Test func springForwardRunsAtTheFirstInstantAfterTheGap() throws {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
    let spec = try ScheduleSpec(.daily(hour: 2, minute: 30), zone: "America/New_York")
    #expect(spec.nextSlot(after: instant(2026, 3, 7, 12, 0)) == instant(2026, 3, 8, 7, 0))  // 03:00 EDT
    #expect(spec.nextSlot(after: instant(2026, 3, 8, 7, 0)) == instant(2026, 3, 9, 6, 30))  // 02:30 EDT
    // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    let berlin = try ScheduleSpec(.daily(hour: 2, minute: 30), zone: "Europe/Berlin")
    #expect(berlin.nextSlot(after: instant(2026, 3, 28, 12, 0)) == instant(2026, 3, 29, 1, 0))
    let counts = try slotsPerLocalDay(spec, zone: "America/New_York", from: instant(2026, 3, 1, 12, 0), days: 14)
    #expect(counts.values.allSatisfy { $0 == 1 } && counts.count == 14)
  }

  @Test func fallBackRunsOnceAtTheFirstOccurrence() throws {
    // New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice.
    let spec = try ScheduleSpec(.daily(hour: 1, minute: 30), zone: "America/New_York")
    #expect(spec.nextSlot(after: instant(2026, 10, 31, 12, 0)) == instant(2026, 11, 1, 5, 30))  // EDT
    #expect(spec.nextSlot(after: instant(2026, 11, 1, 5, 30)) == instant(2026, 11, 2, 6, 30))  // next day, EST
    // Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    let berlin = try ScheduleSpec(.daily(hour: 2, minute: 30), zone: "Europe/Berlin")
    #expect(berlin.nextSlot(after: instant(2026, 10, 24, 12, 0)) == instant(2026, 10, 25, 0, 30))
    let counts = try slotsPerLocalDay(berlin, zone: "Europe/Berlin", from: instant(2026, 10, 20, 12, 0), days: 10)
    #expect(counts.values.allSatisfy { $0 == 1 } && counts.count == 10)
  }

  @Test func halfHourShiftRunsOncePerLocalDay() throws {
    // Lord Howe moves by 30 minutes: 2026-10-04 02:00 -> 02:30, and back on 2026-04-05.
    let spec = try ScheduleSpec(.daily(hour: 2, minute: 15), zone: "Australia/Lord_Howe")
    for start in [instant(2026, 9, 30, 0, 0), instant(2026, 4, 1, 0, 0)] {
      let counts = try slotsPerLocalDay(spec, zone: "Australia/Lord_Howe", from: start, days: 10)
      #expect(counts.values.allSatisfy { $0 == 1 } && counts.count >= 9, "\(counts)")
    }
  }
}
