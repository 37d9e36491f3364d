import Model
import Operations

/// Number and time texts shared by the screens.
enum Format {
  /// `value` with `digits` decimals.
  static func fixed(_ value: Double, _ digits: Int) -> String {
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

  /// `in 5h 12m`, `3m ago`: an instant relative to `now`.
  static func relative(_ instant: Int64, now: Int64) -> String {
    let delta = instant - now
    let text = DurationText.text(max(60, abs(delta)) / 60 * 60)
    return delta >= 0 ? "in \(text)" : "\(text) ago"
  }

  /// `2026-01-12 02:00`, the catalog's minute text.
  static func minute(_ instant: Int64) -> String { UTCText.minute(instant) }

  /// A backup's duration: `820 ms`, `4.2 s`, `3m`.
  static func duration(milliseconds: Int64?) -> String {
    guard let milliseconds else { return "-" }
    if milliseconds < 1_000 { return "\(milliseconds) ms" }
    if milliseconds < 60_000 { return "\(milliseconds / 1_000).\(milliseconds % 1_000 / 100) s" }
    return DurationText.text(milliseconds / 1_000)
  }
}

extension String {
  /// The string followed by spaces up to `width` columns (unchanged when wider).
  func padded(to width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - DisplayWidth.of(self)))
  }
}
