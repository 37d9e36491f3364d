/// The text of a one-line field and its cursor, with the edits a text field supports.
///
/// The cursor counts Characters (grapheme clusters) from the start, so moving and deleting
/// never splits an accented letter, an emoji or a CJK character.
public struct TextFieldState: Hashable {
  /// The text.
  public private(set) var text: String
  /// The cursor, in Characters from the start: 0…`text.count`.
  public private(set) var cursor: Int

  /// Creates a field with `text` and the cursor at its end.
  public init(_ text: String = "") {
    self.text = text
    self.cursor = text.count
  }

  /// Inserts `character` at the cursor and moves past it.
  public mutating func insert(_ character: Character) {
    text.insert(character, at: index(cursor))
    cursor += 1
  }

  /// Inserts `string` at the cursor and moves past it.
  ///
  /// - Complexity: O(n) in the length of the text.
  public mutating func insert(_ string: String) {
    text.insert(contentsOf: string, at: index(cursor))
    cursor += string.count
  }

  /// Deletes the Character before the cursor, if any.
  public mutating func deleteBackward() {
    guard cursor > 0 else { return }
    text.remove(at: index(cursor - 1))
    cursor -= 1
  }

  /// Deletes the Character under the cursor, if any.
  public mutating func deleteForward() {
    guard cursor < text.count else { return }
    text.remove(at: index(cursor))
  }

  /// Moves the cursor by `delta` Characters, within the text.
  public mutating func moveCursor(by delta: Int) {
    cursor = min(text.count, max(0, cursor + delta))
  }

  /// Moves the cursor to the start.
  public mutating func moveToStart() { cursor = 0 }

  /// Moves the cursor to the end.
  public mutating func moveToEnd() { cursor = text.count }

  /// Replaces the text and puts the cursor at its end.
  public mutating func replace(with text: String) {
    self.text = text
    cursor = text.count
  }

  private func index(_ offset: Int) -> String.Index {
    text.index(text.startIndex, offsetBy: offset)
  }
}

extension TextFieldState: Sendable {}
