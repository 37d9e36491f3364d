/// Names from untrusted input (payload keys, field names) as they may appear in an error
/// message: double-quoted, quotes, backslashes and control characters escaped, cut after
/// `limit` scalars, so a message can never carry a line break, a terminal escape or a
/// megabyte-long name.
public enum QuotedForMessage {
  /// `text` quoted and escaped, cut with `…` after `limit` scalars.
  ///
  /// - Complexity: O(min(n, limit)).
  public static func text(_ text: String, limit: Int) -> String {
    var quoted = "\""
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if index == limit {
        quoted += "…"
        break
      }
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      case _
      where scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
        || scalar.value == 0x2028 || scalar.value == 0x2029:
        let hex = String(scalar.value, radix: 16)
        quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "\""
  }
}
