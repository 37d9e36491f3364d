/// Decides slots from a schedule's state and the wall clock; pure, so every rule is tested on
/// an injected clock.
public enum SlotPlanner {
  /// A run this close after its slot counts as on time (`Scheduled`), later as `Catch-up`.
  public static let onTimeGrace: Int64 = 15 * 60
  /// More missed slots than this means the clock jumped (rule R7).
  public static let maximumMissedSlots = 100

  /// The decision for `schedule` at `now`.
  ///
  /// - Complexity: O(missed slots), at most ``maximumMissedSlots`` + 1 slot computations, plus
  ///   a bounded search for the latest slot after a clock jump.
  public static func decide(_ schedule: BackupSchedule, now: Int64) -> SlotDecision {
    let spec = schedule.spec
    if schedule.evaluatedThrough > now {
      // R7: the last decided slot is in the future: the clock went backwards. Never re-run.
      return SlotDecision(
        action: .clockSkew(
          "the last decided slot \(UTCText.minute(schedule.evaluatedThrough)) is after the clock's now \(UTCText.minute(now)); waiting for the clock to pass it"
        ),
        nextSlot: spec.nextSlot(after: schedule.evaluatedThrough))
    }
    var missed: [Int64] = []
    var cursor = schedule.evaluatedThrough
    while let slot = spec.nextSlot(after: cursor), slot <= now {
      missed.append(slot)
      cursor = slot
      if missed.count > maximumMissedSlots { break }
    }
    let next = spec.nextSlot(after: now)
    guard let latest = missed.last else { return SlotDecision(action: .wait, nextSlot: next) }
    if schedule.paused {
      // R10: a paused schedule runs nothing; its slots are recorded as they pass.
      if missed.count > maximumMissedSlots {
        return SlotDecision(
          action: .wait, skips: latestSlot(spec, upTo: now).map { [SkippedSlot($0, "paused")] } ?? [], nextSlot: next)
      }
      return SlotDecision(action: .wait, skips: missed.map { SkippedSlot($0, "paused") }, nextSlot: next)
    }
    if missed.count > maximumMissedSlots {
      // R7: a forward jump this large is a clock problem, not downtime: no catch-up.
      let skips = latestSlot(spec, upTo: now).map { [SkippedSlot($0, "clock-skew")] } ?? []
      return SlotDecision(
        action: .clockSkew(
          "more than \(maximumMissedSlots) slots were missed since \(UTCText.minute(schedule.evaluatedThrough)); check the clock. No catch-up runs"
        ),
        skips: skips, nextSlot: next)
    }
    // R3: only the latest missed slot may run, and only within the deadline.
    let older = missed.dropLast().map { SkippedSlot($0, "missed") }
    guard now - latest <= schedule.deadline else {
      return SlotDecision(action: .wait, skips: older + [SkippedSlot(latest, "missed-deadline")], nextSlot: next)
    }
    let onTime = missed.count == 1 && now - latest <= onTimeGrace
    return SlotDecision(
      action: .run(slot: latest, trigger: onTime ? .scheduled : .catchUp), skips: older, nextSlot: next)
  }

  /// The latest slot at or before `now`, searched within the last 400 days.
  private static func latestSlot(_ spec: ScheduleSpec, upTo now: Int64) -> Int64? {
    var cursor = now - 400 * 86_400
    var latest: Int64?
    var steps = 0
    // Jump close to `now` for frequent schedules, then walk.
    let interval = spec.nominalInterval(after: cursor)
    if interval > 0, (now - cursor) / interval > 1_000 { cursor = now - 1_000 * interval }
    while let slot = spec.nextSlot(after: cursor), slot <= now, steps < 2_000 {
      latest = slot
      cursor = slot
      steps += 1
    }
    return latest
  }
}
