public import Model

/// What the JSON view remembers: folded containers, the selected line and the scroll offset.
public struct JSONTreeState: Hashable {
  /// The objects and arrays shown folded.
  public var folded: Set<JSONPath>
  /// The selected line.
  public var selectedLine: Int
  /// The first line shown.
  public var scrollOffset: Int

  /// Creates a state: nothing folded, the first line selected.
  public init(folded: Set<JSONPath> = [], selectedLine: Int = 0, scrollOffset: Int = 0) {
    self.folded = folded
    self.selectedLine = selectedLine
    self.scrollOffset = scrollOffset
  }

  /// Moves the selection by `delta` lines, within the `lineCount` lines there are.
  public mutating func moveSelection(by delta: Int, lineCount: Int) {
    selectedLine = min(max(0, selectedLine + delta), max(0, lineCount - 1))
  }

  /// Folds or unfolds the object or array on the selected line of `value`'s view, keeping
  /// the selection on it (on its opening line, when it was selected by its closing line).
  ///
  /// - Complexity: O(size of `value`).
  public mutating func toggleFold(in value: JSONValue) {
    let lines = JSONTreeView.lines(for: value, folded: folded)
    guard lines.indices.contains(selectedLine), let path = lines[selectedLine].foldPath else {
      return
    }
    if folded.remove(path) == nil { folded.insert(path) }
    let updated = JSONTreeView.lines(for: value, folded: folded)
    selectedLine = updated.firstIndex { $0.foldPath == path } ?? 0
  }
}

extension JSONTreeState: Sendable {}
