import Operations
import Testing
import VectorEngine
@testable import Model

/// The slot rules on an injected clock: at most once (R2), one catch-up within the deadline
/// (R3), clock jumps (R7), paused schedules (R10).
struct SlotPlannerTests {
  private let day: Int64 = 86_400
  private func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Int64 {
    UTCTimestamp(year: year, month: month, day: day, hour: hour, minute: minute).epochSeconds
  }

  private func schedule(decidedThrough: Int64, deadline: Int64 = 6 * 3_600, paused: Bool = false) throws
    -> BackupSchedule
  {
    BackupSchedule(
      id: 1, name: "nightly", spec: try ScheduleSpec(.daily(hour: 2, minute: 0)), collection: nil, retentionDays: 7,
      minimumKeep: 2, deadline: deadline, backupDirectory: nil, paused: paused, createdAt: decidedThrough,
      evaluatedThrough: decidedThrough)
  }

  @Test func onTimeSlotRunsOnceAsScheduled() throws {
    let lastSlot = instant(2026, 11, 27, 2)
    let decision = SlotPlanner.decide(try schedule(decidedThrough: lastSlot), now: instant(2026, 11, 28, 2, 0))
    #expect(decision.action == .run(slot: instant(2026, 11, 28, 2), trigger: .scheduled))
    #expect(decision.skips.isEmpty)
    // Once decided, the same slot is never due again (R2), even at the same instant.
    let after = SlotPlanner.decide(
      try schedule(decidedThrough: instant(2026, 11, 28, 2)), now: instant(2026, 11, 28, 2, 0))
    #expect(after.action == .wait)
    #expect(after.nextSlot == instant(2026, 11, 29, 2))
  }

  @Test(arguments: [(0, true), (1, true), (2, true), (5, true), (1, false), (2, false), (5, false)])
  func downtimeRunsAtMostOneCatchUp(missedDays: Int, insideDeadline: Bool) throws {
    let lastRun = instant(2026, 11, 20, 2)
    // Come back `missedDays` days after the next slot, 10 min (inside) or 7 h (outside) late.
    let now = lastRun + Int64(missedDays + 1) * day + (insideDeadline ? 600 : 7 * 3_600)
    let decision = SlotPlanner.decide(try schedule(decidedThrough: lastRun), now: now)
    let latest = lastRun + Int64(missedDays + 1) * day
    if insideDeadline {
      #expect(decision.action == .run(slot: latest, trigger: missedDays == 0 ? .scheduled : .catchUp))
      #expect(decision.skips.map(\.reason) == Array(repeating: "missed", count: missedDays))
    } else {
      #expect(decision.action == .wait)
      #expect(decision.skips.last == SkippedSlot(latest, "missed-deadline"))
      #expect(decision.skips.count == missedDays + 1)
    }
    #expect(decision.skips.allSatisfy { $0.slot < latest || $0.reason == "missed-deadline" })
  }

  @Test func lateButOnlySlotIsACatchUp() throws {
    let decision = SlotPlanner.decide(
      try schedule(decidedThrough: instant(2026, 11, 27, 2)), now: instant(2026, 11, 28, 4))
    #expect(decision.action == .run(slot: instant(2026, 11, 28, 2), trigger: .catchUp))
  }

  @Test(arguments: [150, 4_500])
  func tooManyMissedSlotsIsAClockProblemNotDowntime(missedDays: Int) throws {
    let lastRun = instant(2026, 11, 20, 2)
    let now = lastRun + Int64(missedDays) * day + 600
    let decision = SlotPlanner.decide(try schedule(decidedThrough: lastRun), now: now)
    guard case .clockSkew = decision.action else {
      Issue.record("expected clock skew, got \(decision.action)")
      return
    }
    // One record moves the schedule to the present; nothing runs.
    #expect(decision.skips == [SkippedSlot(lastRun + Int64(missedDays) * day, "clock-skew")])
  }

  @Test(arguments: [-3_600, -86_400])
  func backwardClockJumpNeverReRunsADecidedSlot(jump: Int64) throws {
    let ran = instant(2026, 11, 28, 2)
    let state = try schedule(decidedThrough: ran)
    let backwards = SlotPlanner.decide(state, now: ran + 60 + jump)
    guard case .clockSkew = backwards.action else {
      Issue.record("expected clock skew, got \(backwards.action)")
      return
    }
    #expect(backwards.skips.isEmpty)
    // When the clock passes the slot again, it is still decided.
    #expect(SlotPlanner.decide(state, now: ran + 120).action == .wait)
  }

  @Test func forwardJumpOfADayIsDowntime() throws {
    let ran = instant(2026, 11, 28, 2)
    let decision = SlotPlanner.decide(try schedule(decidedThrough: ran), now: ran + day + 3_600)
    #expect(decision.action == .run(slot: ran + day, trigger: .catchUp))
  }

  @Test func farFutureClockIsHandled() throws {
    let ran = instant(2038, 1, 19, 2)
    let decision = SlotPlanner.decide(try schedule(decidedThrough: ran), now: instant(2038, 1, 20, 2, 5))
    #expect(decision.action == .run(slot: instant(2038, 1, 20, 2), trigger: .scheduled))
  }

  @Test func pausedScheduleRecordsItsSlotsAndRunsNothing() throws {
    let ran = instant(2026, 11, 25, 2)
    let decision = SlotPlanner.decide(try schedule(decidedThrough: ran, paused: true), now: instant(2026, 11, 27, 3))
    #expect(decision.action == .wait)
    #expect(
      decision.skips == [
        SkippedSlot(instant(2026, 11, 26, 2), "paused"), SkippedSlot(instant(2026, 11, 27, 2), "paused"),
      ])
  }
}
