/// Durations written as operators write them: `90s`, `30m`, `6h`, `2d`, `1w`, or combined
/// (`1h30m`).
public enum DurationText {
  /// Seconds in `text`.
  ///
  /// - Throws: ``ScheduleSyntaxError`` when `text` is not a positive duration.
  public static func seconds(_ text: String) throws(ScheduleSyntaxError) -> Int64 {
    var total: Int64 = 0
    var number: Int64 = 0
    var digits = 0
    for character in text.lowercased() {
      if let digit = character.wholeNumberValue, character.isASCII {
        guard number < 1_000_000 else { throw ScheduleSyntaxError("duration \(text) is too long") }
        number = number * 10 + Int64(digit)
        digits += 1
        continue
      }
      let unit: Int64
      switch character {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3_600
      case "d": unit = 86_400
      case "w": unit = 604_800
      default: throw ScheduleSyntaxError("duration \(text) has an unknown unit \(character) (use s, m, h, d or w)")
      }
      guard digits > 0 else { throw ScheduleSyntaxError("duration \(text) has a unit without a number") }
      let (sum, overflow) = total.addingReportingOverflow(number * unit)
      guard !overflow, sum <= 100 * 366 * 86_400 else { throw ScheduleSyntaxError("duration \(text) is too long") }
      total = sum
      number = 0
      digits = 0
    }
    guard digits == 0 else { throw ScheduleSyntaxError("duration \(text) needs a unit (e.g. 6h)") }
    guard total > 0 else { throw ScheduleSyntaxError("duration \(text) must be positive") }
    return total
  }

  /// `6h`, `1d`, `1h30m`, `45s`: the shortest exact text for a number of seconds.
  public static func text(_ seconds: Int64) -> String {
    guard seconds > 0 else { return "0s" }
    var rest = seconds
    var result = ""
    for (unit, name) in [(Int64(86_400), "d"), (3_600, "h"), (60, "m"), (1, "s")] where rest >= unit {
      result += "\(rest / unit)\(name)"
      rest %= unit
    }
    return result
  }
}
