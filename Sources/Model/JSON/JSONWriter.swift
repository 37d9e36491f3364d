/// Writes ``JSONValue``s as JSON text: compact for storage and `--json`, indented for people.
public enum JSONWriter {
  /// The compact JSON text of `value` (no whitespace, keys in insertion order).
  ///
  /// - Complexity: O(n) in the size of the value.
  public static func compact(_ value: JSONValue) -> String {
    var output = ""
    write(value, into: &output, indent: nil, level: 0)
    return output
  }

  /// The JSON text of `value` indented by two spaces per level.
  ///
  /// - Complexity: O(n) in the size of the value.
  public static func pretty(_ value: JSONValue) -> String {
    var output = ""
    write(value, into: &output, indent: "  ", level: 0)
    return output
  }

  /// Appends the compact JSON text of `value` to `output` as UTF-8.
  ///
  /// - Complexity: O(n) in the size of the value.
  public static func append(_ value: JSONValue, to output: inout [UInt8]) {
    output.append(contentsOf: compact(value).utf8)
  }

  /// The shortest JSON number text that reads back as exactly `value`.
  public static func number(_ value: Float) -> String {
    guard value.isFinite else { return "null" }
    if value == 0 { return value.sign == .minus ? "-0.0" : "0" }
    if value == value.rounded(), abs(value) < 1e7 { return String(Int64(value)) }
    return "\(value)"
  }

  /// The shortest JSON number text that reads back as exactly `value`.
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    return "\(value)"
  }

  /// `text` as a quoted JSON string.
  public static func quoted(_ text: String) -> String {
    var output = ""
    writeString(text, into: &output)
    return output
  }

  private static func write(_ value: JSONValue, into output: inout String, indent: String?, level: Int) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .int(let number): output += String(number)
    case .uint(let number): output += String(number)
    case .double(let number): output += Self.number(number)
    case .string(let text): writeString(text, into: &output)
    case .array(let elements):
      if elements.isEmpty {
        output += "[]"
        return
      }
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += "," }
        newline(into: &output, indent: indent, level: level + 1)
        write(element, into: &output, indent: indent, level: level + 1)
      }
      newline(into: &output, indent: indent, level: level)
      output += "]"
    case .object(let object):
      if object.isEmpty {
        output += "{}"
        return
      }
      output += "{"
      for (index, field) in object.enumerated() {
        if index > 0 { output += "," }
        newline(into: &output, indent: indent, level: level + 1)
        writeString(field.key, into: &output)
        output += indent == nil ? ":" : ": "
        write(field.value, into: &output, indent: indent, level: level + 1)
      }
      newline(into: &output, indent: indent, level: level)
      output += "}"
    }
  }

  private static func newline(into output: inout String, indent: String?, level: Int) {
    guard let indent else { return }
    output += "\n"
    for _ in 0..<level { output += indent }
  }

  private static func writeString(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
