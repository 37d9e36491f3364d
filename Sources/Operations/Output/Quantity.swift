/// How counts, sizes, decimals and durations appear in text: the one set of formatters that
/// results, the console, progress lines, logs and benchmarks share.
public enum Quantity {
  /// `12,345`-style counts.
  ///
  /// - Complexity: O(digits).
  public static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return value < 0 ? "-" + result : result
  }

  /// A collection's indexing threshold: `10,000 KB`, or `off` for 0 (sealed only at the
  /// segment size).
  public static func indexingThreshold(kilobytes: Int) -> String {
    kilobytes == 0 ? "off" : "\(count(kilobytes)) KB"
  }

  /// `1.5 MiB`-style sizes (`812 B` below a KiB).
  public static func bytes(_ count: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(count)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(count) B" }
    let rounded = (value * 10).rounded() / 10
    return "\(rounded) \(units[unit])"
  }

  /// `value` with exactly `digits` decimals (`0.950`, `12`); `-` when not finite.
  ///
  /// - Complexity: O(digits).
  public static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let whole = Int(rounded / scale)
    let fraction = Int(rounded) - whole * Int(scale)
    let sign = value < 0 && rounded > 0 ? "-" : ""
    guard digits > 0 else { return "\(sign)\(whole)" }
    let padded = String(repeating: "0", count: max(0, digits - String(fraction).count)) + String(fraction)
    return "\(sign)\(whole).\(padded)"
  }

  /// `value` rounded to at most `digits` decimals, without trailing zeros (`0.95`, `12.0`).
  ///
  /// - Complexity: O(digits).
  public static func rounded(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return String(describing: (value * scale).rounded() / scale)
  }

  /// A mean with one decimal: `12.3`, `8.0`; `-` when not finite.
  public static func oneDecimal(_ value: Double) -> String {
    guard value.isFinite else { return "-" }
    return "\((value * 10).rounded() / 10)"
  }

  /// A run's duration: `820 ms`, `4.2 s`, then whole units (`3m`, `1h 5m`); `-` when unknown.
  public static func duration(milliseconds: Int64?) -> String {
    guard let milliseconds else { return "-" }
    if milliseconds < 1_000 { return "\(milliseconds) ms" }
    if milliseconds < 60_000 { return "\(milliseconds / 1_000).\(milliseconds % 1_000 / 100) s" }
    return DurationText.text(milliseconds / 1_000)
  }

  /// A duration for log lines: `850 ms`, or `12 s` from ten seconds on; `?` when unknown.
  public static func briefDuration(milliseconds: Int64?) -> String {
    guard let milliseconds else { return "?" }
    return milliseconds < 10_000 ? "\(milliseconds) ms" : "\(milliseconds / 1_000) s"
  }

  /// A countdown such as an ETA: `4s`, `2m 05s`, `1h 02m`.
  public static func countdown(seconds: Int) -> String {
    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m \(twoDigits(seconds % 60))s" }
    return "\(seconds / 3600)h \(twoDigits(seconds / 60 % 60))m"
  }

  /// `in 5h12m`, `3m ago`: an instant relative to `now` (Unix seconds), to the minute.
  public static func relative(_ instant: Int64, now: Int64) -> String {
    let delta = instant - now
    let text = DurationText.text(max(60, abs(delta)) / 60 * 60)
    return delta >= 0 ? "in \(text)" : "\(text) ago"
  }
}
