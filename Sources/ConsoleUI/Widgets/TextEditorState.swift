/// The text of a multi-line editor and its cursor, with the edits the editor supports.
///
/// Lines are kept apart (no newline characters inside a line); the cursor is a line and a
/// column counted in Characters, so moving and deleting never split a grapheme. Moving up or
/// down keeps the column where the line is long enough, else goes to the line's end.
public struct TextEditorState: Hashable {
  /// The lines, at least one.
  public private(set) var lines: [String]
  /// The cursor's line, from 0.
  public private(set) var line = 0
  /// The cursor's column, in Characters from the line's start: 0…line length.
  public private(set) var column = 0
  /// The first line shown; kept so the cursor stays visible (see ``scroll(visibleLines:)``).
  public var scrollOffset = 0

  /// Creates an editor over `text` (split at newlines), the cursor at the start.
  public init(_ text: String = "") {
    let split = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines = split.isEmpty ? [""] : split
  }

  /// The text, lines joined with newlines.
  ///
  /// - Complexity: O(n) in the length of the text.
  public var text: String { lines.joined(separator: "\n") }

  /// Inserts `character` at the cursor and moves past it (a newline splits the line).
  ///
  /// - Complexity: O(n) in the length of the line.
  public mutating func insert(_ character: Character) {
    if character == "\n" || character == "\r\n" {
      insertNewline()
      return
    }
    lines[line].insert(character, at: index(column))
    column += 1
  }

  /// Splits the line at the cursor; the cursor moves to the start of the new line.
  ///
  /// - Complexity: O(n) in the number of lines.
  public mutating func insertNewline() {
    let rest = String(lines[line][index(column)...])
    lines[line] = String(lines[line][..<index(column)])
    lines.insert(rest, at: line + 1)
    line += 1
    column = 0
  }

  /// Deletes the Character before the cursor; at a line's start, joins it to the line above.
  ///
  /// - Complexity: O(n) in the length of the line (O(lines) when joining).
  public mutating func deleteBackward() {
    if column > 0 {
      lines[line].remove(at: index(column - 1))
      column -= 1
    } else if line > 0 {
      let removed = lines.remove(at: line)
      line -= 1
      column = lines[line].count
      lines[line] += removed
    }
  }

  /// Deletes the Character under the cursor; at a line's end, joins the next line to it.
  ///
  /// - Complexity: O(n) in the length of the line (O(lines) when joining).
  public mutating func deleteForward() {
    if column < lines[line].count {
      lines[line].remove(at: index(column))
    } else if line + 1 < lines.count {
      lines[line] += lines.remove(at: line + 1)
    }
  }

  /// Moves one Character left, to the end of the line above at a line's start.
  public mutating func moveLeft() {
    if column > 0 {
      column -= 1
    } else if line > 0 {
      line -= 1
      column = lines[line].count
    }
  }

  /// Moves one Character right, to the start of the next line at a line's end.
  public mutating func moveRight() {
    if column < lines[line].count {
      column += 1
    } else if line + 1 < lines.count {
      line += 1
      column = 0
    }
  }

  /// Moves `delta` lines up (negative) or down, keeping the column where it fits.
  public mutating func moveLines(by delta: Int) {
    line = min(max(0, line + delta), lines.count - 1)
    column = min(column, lines[line].count)
  }

  /// Moves to the start of the line.
  public mutating func moveToLineStart() { column = 0 }

  /// Moves to the end of the line.
  public mutating func moveToLineEnd() { column = lines[line].count }

  /// Sets ``scrollOffset`` so the cursor's line is among `visibleLines` lines shown.
  public mutating func scroll(visibleLines: Int) {
    scrollOffset = Scrolling.offset(scrollOffset, keeping: line, visible: max(1, visibleLines), count: lines.count)
  }

  private func index(_ offset: Int) -> String.Index {
    lines[line].index(lines[line].startIndex, offsetBy: offset)
  }
}

extension TextEditorState: Sendable {}
