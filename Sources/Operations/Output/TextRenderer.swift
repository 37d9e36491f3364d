/// Renders a ``CommandResult`` as plain text for a terminal or a log.
///
/// The layout:
/// - Blocks are separated by one blank line; every line ends in `\n`; no line has trailing
///   spaces. A result without blocks renders as the empty string.
/// - A table starts with a header of uppercase titles. Columns are two spaces apart and as
///   wide as their widest cell, measured in terminal columns (``DisplayWidth``), so CJK and
///   emoji line up. Right-aligned columns pad on the left.
/// - An empty table renders its header and then the line `(no rows)`.
/// - Cells are made single-line: newline, carriage return and tab become `\n`, `\r`, `\t`,
///   other control characters become `\xHH` (or `\u{HHHH}` for line and paragraph
///   separators), so data can never move the cursor or inject escape sequences. Cells wider
///   than ``maximumCellWidth`` columns are cut and end in `…`.
/// - Fields render as `name: value` lines, values aligned one column after the longest
///   name's colon. Values are made single-line but not cut.
/// - Text renders line by line, with trailing whitespace and trailing blank lines removed
///   and control characters other than tab escaped as in cells.
public enum TextRenderer {
  /// The widest a table cell may be, in terminal columns, before it is cut.
  public static let maximumCellWidth = 60

  /// The text form of `result`.
  ///
  /// - Complexity: O(n) in the total size of the result's cells and text.
  public static func render(_ result: CommandResult) -> String {
    var output = ""
    for block in result.blocks {
      let lines: [String]
      switch block {
      case .table(let table): lines = render(table)
      case .fields(let fields): lines = render(fields)
      case .text(let text): lines = render(text)
      }
      guard !lines.isEmpty else { continue }
      if !output.isEmpty { output += "\n" }
      for line in lines { output += line + "\n" }
    }
    return output
  }

  private static func render(_ table: ResultTable) -> [String] {
    let columns = table.columns
    guard !columns.isEmpty else { return ["(no rows)"] }
    let header = columns.map { singleLine($0.title.uppercased()) }
    let rows = table.rows.map { row in
      columns.indices.map { index in
        index < row.count
          ? DisplayWidth.truncated(singleLine(row[index]), toWidth: maximumCellWidth) : ""
      }
    }
    var widths = header.map { DisplayWidth.of($0) }
    for row in rows {
      for (index, cell) in row.enumerated() {
        widths[index] = max(widths[index], DisplayWidth.of(cell))
      }
    }
    func line(_ cells: [String]) -> String {
      var text = ""
      for (index, cell) in cells.enumerated() {
        if index > 0 { text += "  " }
        let padding = String(repeating: " ", count: widths[index] - DisplayWidth.of(cell))
        text += columns[index].alignment == .right ? padding + cell : cell + padding
      }
      return trimmingTrailingSpaces(text)
    }
    var lines = [line(header)]
    if rows.isEmpty {
      lines.append("(no rows)")
    } else {
      for row in rows { lines.append(line(row)) }
    }
    return lines
  }

  private static func render(_ fields: [ResultField]) -> [String] {
    let names = fields.map { singleLine($0.name) }
    let width = names.map { DisplayWidth.of($0) }.max() ?? 0
    return zip(names, fields).map { name, field in
      let padding = String(repeating: " ", count: width - DisplayWidth.of(name) + 1)
      return trimmingTrailingSpaces(name + ":" + padding + singleLine(field.value))
    }
  }

  private static func render(_ text: String) -> [String] {
    let physical = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    var lines = physical.map { line in
      trimmingTrailingWhitespace(escapingControls(String(line), keepingTabs: true))
    }
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines
  }

  /// `text` on one line, with newlines, tabs and other control characters escaped.
  static func singleLine(_ text: String) -> String {
    escapingControls(text, keepingTabs: false)
  }

  private static func escapingControls(_ text: String, keepingTabs: Bool) -> String {
    let needsEscaping = text.unicodeScalars.contains { scalar in
      isControl(scalar) && !(keepingTabs && scalar == "\t")
    }
    guard needsEscaping else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard isControl(scalar), !(keepingTabs && scalar == "\t") else {
        result.append(scalar)
        continue
      }
      let escape: String
      switch scalar {
      case "\n": escape = "\\n"
      case "\r": escape = "\\r"
      case "\t": escape = "\\t"
      default:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        escape =
          scalar.value < 0x100
          ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
      }
      result.append(contentsOf: escape.unicodeScalars)
    }
    return String(result)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0x2028
      || scalar.value == 0x2029
  }

  private static func trimmingTrailingSpaces(_ text: String) -> String {
    var text = Substring(text)
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }

  private static func trimmingTrailingWhitespace(_ text: String) -> String {
    var text = Substring(text)
    while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
    return String(text)
  }
}

extension TextRenderer: Sendable {}
