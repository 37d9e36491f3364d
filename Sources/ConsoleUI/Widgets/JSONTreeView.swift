public import Model

/// A JSON value pretty-printed with syntax colours, objects and arrays foldable.
///
/// ```
/// {
///   "id": 42,
///   "payload": { … } 3 keys,
///   "tags": [
///     "a"
///   ]
/// }
/// ```
/// Lines wider than the area are clipped at its right edge; the selected line is drawn as a
/// selection bar, and the view scrolls to keep it in sight.
public struct JSONTreeView {
  /// The value shown.
  public var value: JSONValue
  /// Folds, selection and scroll.
  public var state: JSONTreeState
  /// Whether the view has the focus (selection or inactive selection).
  public var isFocused: Bool
  /// Columns per level of indentation.
  public var indentWidth: Int

  /// Creates a JSON view.
  public init(
    value: JSONValue, state: JSONTreeState = JSONTreeState(), isFocused: Bool = true,
    indentWidth: Int = 2
  ) {
    self.value = value
    self.state = state
    self.isFocused = isFocused
    self.indentWidth = indentWidth
  }

  /// The lines of `value` with the containers at `folded` shown folded.
  ///
  /// - Complexity: O(size of `value`).
  public static func lines(for value: JSONValue, folded: Set<JSONPath>) -> [JSONLine] {
    var lines: [JSONLine] = []
    append(value, key: nil, path: .root, depth: 0, comma: false, folded: folded, to: &lines)
    return lines
  }

  /// Draws the view in `area`.
  ///
  /// - Complexity: O(size of `value`) to lay out, plus O(area) to draw.
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    let lines = Self.lines(for: value, folded: state.folded)
    let offset = Scrolling.offset(
      state.scrollOffset, keeping: state.selectedLine, visible: area.height, count: lines.count)
    let selectionRole: ThemeRole = isFocused ? .selection : .selectionInactive
    surface.withClip(area) { surface in
      for row in 0..<min(area.height, lines.count - offset) {
        let index = offset + row
        let line = lines[index]
        var x = area.x + line.depth * indentWidth
        for segment in line.segments {
          x = surface.write(
            segment.text, at: Point(x: x, y: area.y + row), style: Style(segment.role))
        }
        if index == state.selectedLine {
          surface.restyle(area.row(row)) { _ in Style(selectionRole) }
        }
      }
    }
  }

  private static func append(
    _ value: JSONValue, key: String?, path: JSONPath, depth: Int, comma: Bool,
    folded: Set<JSONPath>, to lines: inout [JSONLine]
  ) {
    var prefix: [JSONLine.Segment] = []
    if let key {
      prefix.append(JSONLine.Segment(JSONWriter.quoted(key), .jsonKey))
      prefix.append(JSONLine.Segment(": ", .jsonPunctuation))
    }
    let trailing: [JSONLine.Segment] = comma ? [JSONLine.Segment(",", .jsonPunctuation)] : []

    let children: [(key: String?, component: JSONPath.Component, value: JSONValue)]
    let brackets: (open: String, close: String)
    let noun: (one: String, many: String)
    switch value {
    case .object(let object):
      children = object.map { (key: $0.key, component: .key($0.key), value: $0.value) }
      brackets = ("{", "}")
      noun = ("key", "keys")
    case .array(let elements):
      children = elements.enumerated().map {
        (key: nil, component: .index($0.offset), value: $0.element)
      }
      brackets = ("[", "]")
      noun = ("item", "items")
    default:
      let scalar: JSONLine.Segment
      switch value {
      case .string(let text): scalar = JSONLine.Segment(JSONWriter.quoted(text), .jsonString)
      case .int, .uint, .double: scalar = JSONLine.Segment(JSONWriter.compact(value), .jsonNumber)
      default: scalar = JSONLine.Segment(JSONWriter.compact(value), .jsonLiteral)
      }
      lines.append(JSONLine(depth: depth, segments: prefix + [scalar] + trailing))
      return
    }

    if children.isEmpty {
      let empty = JSONLine.Segment(brackets.open + brackets.close, .jsonPunctuation)
      lines.append(JSONLine(depth: depth, segments: prefix + [empty] + trailing))
      return
    }
    if folded.contains(path) {
      let count = "\(children.count) \(children.count == 1 ? noun.one : noun.many)"
      let segments =
        prefix + [
          JSONLine.Segment("\(brackets.open) … \(brackets.close)", .jsonPunctuation)
        ] + trailing + [JSONLine.Segment(" " + count, .muted)]
      lines.append(JSONLine(depth: depth, segments: segments, foldPath: path, isFolded: true))
      return
    }
    lines.append(
      JSONLine(
        depth: depth, segments: prefix + [JSONLine.Segment(brackets.open, .jsonPunctuation)],
        foldPath: path))
    for (index, child) in children.enumerated() {
      append(
        child.value, key: child.key, path: path.appending(child.component), depth: depth + 1,
        comma: index < children.count - 1, folded: folded, to: &lines)
    }
    lines.append(
      JSONLine(
        depth: depth, segments: [JSONLine.Segment(brackets.close, .jsonPunctuation)] + trailing,
        foldPath: path))
  }
}

extension JSONTreeView: Sendable {}
