/// Writes ``JSONValue``s as JSON text: compact for storage and `--json`, indented for people.
public enum JSONWriter {
  /// The compact JSON text of `value` (no whitespace, keys in insertion order).
  ///
  /// - Complexity: O(n) in the size of the value.
  public static func compact(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, into: &output, indent: nil, level: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// The JSON text of `value` indented by two spaces per level.
  ///
  /// - Complexity: O(n) in the size of the value.
  public static func pretty(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, into: &output, indent: Array("  ".utf8), level: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the compact JSON text of `value` to `output` as UTF-8.
  ///
  /// - Complexity: O(n) in the size of the value.
  public static func append(_ value: JSONValue, to output: inout [UInt8]) {
    write(value, into: &output, indent: nil, level: 0)
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
    var output: [UInt8] = []
    writeString(text, into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  private static func write(_ value: JSONValue, into output: inout [UInt8], indent: [UInt8]?, level: Int) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .int(let number):
      if number < 0 { output.append(UInt8(ascii: "-")) }
      writeDigits(number.magnitude, into: &output)
    case .uint(let number): writeDigits(number, into: &output)
    case .double(let number): output.append(contentsOf: Self.number(number).utf8)
    case .string(let text): writeString(text, into: &output)
    case .array(let elements):
      if elements.isEmpty {
        output.append(contentsOf: "[]".utf8)
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        newline(into: &output, indent: indent, level: level + 1)
        write(element, into: &output, indent: indent, level: level + 1)
      }
      newline(into: &output, indent: indent, level: level)
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      if object.isEmpty {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      for (index, field) in object.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        newline(into: &output, indent: indent, level: level + 1)
        writeString(field.key, into: &output)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(UInt8(ascii: " ")) }
        write(field.value, into: &output, indent: indent, level: level + 1)
      }
      newline(into: &output, indent: indent, level: level)
      output.append(UInt8(ascii: "}"))
    }
  }

  /// The decimal digits of `number`, without going through `String`.
  private static func writeDigits(_ number: UInt64, into output: inout [UInt8]) {
    guard number >= 10 else {
      output.append(UInt8(ascii: "0") + UInt8(number))
      return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      var rest = number
      while rest > 0 {
        buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        count += 1
      }
      output.append(contentsOf: buffer[(24 - count)...])
    }
  }

  private static func newline(into output: inout [UInt8], indent: [UInt8]?, level: Int) {
    guard let indent else { return }
    output.append(UInt8(ascii: "\n"))
    for _ in 0..<level { output.append(contentsOf: indent) }
  }

  /// `text` quoted and escaped; bytes that need no escape are copied in runs.
  private static func writeString(_ text: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      var runStart = 0
      for (index, byte) in bytes.enumerated()
      where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        output.append(contentsOf: bytes[runStart..<index])
        runStart = index + 1
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
        default:
          let hex = Array("0123456789abcdef".utf8)
          output.append(contentsOf: #"\u00"#.utf8)
          output.append(hex[Int(byte >> 4)])
          output.append(hex[Int(byte & 0xF)])
        }
      }
      output.append(contentsOf: bytes[runStart...])
    }
    output.append(UInt8(ascii: "\""))
  }
}
