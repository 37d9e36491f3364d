@testable import Operations

/// Backup schedules (`CronExpression`, `ScheduleSpec`, `DurationText`): what parses must read
/// back from its own description as the same value, and its next slots must move forward.
enum ScheduleFuzzTarget {
  /// Instants the next slots are computed after: 1970, 2000-02-29, 2023, 2100.
  static let instants: [Int64] = [0, 951_782_400, 1_700_000_000, 4_102_444_800]

  /// Runs `input` as a cron expression, a stored schedule and a duration.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let text = FuzzBytes.text(input)
    var outcome = FuzzOutcome.rejected
    if let expression = try? CronExpression(text) {
      outcome = .accepted
      precondition(
        (try? CronExpression(expression.description)) == expression,
        "a cron expression reads back from its description as another")
      _ = expression.timesOfDay
    }
    for candidate in [text, "cron " + text] {
      guard let spec = try? ScheduleSpec(stored: candidate) else { continue }
      outcome = .accepted
      precondition(
        (try? ScheduleSpec(stored: spec.description)) == spec,
        "a schedule reads back from its description as another")
      for instant in instants {
        var after = instant
        for _ in 0..<3 {
          guard let next = spec.nextSlot(after: after) else { break }
          precondition(next > after, "a schedule's next slot is not after the instant")
          after = next
        }
        _ = spec.defaultDeadline(after: instant)
      }
    }
    if let seconds = try? DurationText.seconds(text) {
      outcome = .accepted
      precondition(
        (try? DurationText.seconds(DurationText.text(seconds))) == seconds,
        "a duration reads back from its text as another")
    }
    return outcome
  }
}
