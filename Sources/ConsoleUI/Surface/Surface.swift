import Operations

// Invariants (checked by `checkInvariants()` in debug builds):
// - `cells.count == size.width * size.height`, stored row by row.
// - A lead cell (`width == 2`) at column x has a continuation cell (`width == 0`) at x + 1,
//   and every continuation cell has a lead cell at x - 1. A wide grapheme is never split:
//   overwriting either half turns the other half into a blank of the same style.
// - `clip` lies within the bounds; nothing outside `clip` is ever written.

/// A grid of cells that screens and widgets draw into, then the terminal flushes.
///
/// Drawing is plain value mutation with no terminal attached, so a screen renders the same
/// in a test as on the terminal; ``lines`` gives the grid as text for golden files. Every
/// write is clipped, to the surface and to the current clip rectangle (see
/// ``withClip(_:_:)``), so drawing at any position and any size is safe.
///
/// Widths come from ``DisplayWidth``, shared with the batch text renderer. A grapheme of width
/// 0 (a control character, a lone combining mark) is not placed. A wide grapheme that does not
/// fit inside the clip is replaced by a space, never split.
public struct Surface: Hashable {
  /// The number of columns and rows.
  public let size: Size
  /// The cells, row by row.
  private var cells: [Cell]
  /// Where writes land; always within ``bounds``.
  public private(set) var clip: Rect
  /// Where the terminal should show its cursor (a text field's insertion point), or `nil` to
  /// hide it.
  public var cursor: Point?

  /// Creates a surface of `size`, every cell blank in `style`.
  ///
  /// - Complexity: O(width × height).
  public init(size: Size, style: Style = .background) {
    self.size = size
    self.cells = Array(repeating: .blank(style), count: size.width * size.height)
    self.clip = Rect(size: size)
  }

  /// The whole surface, from (0,0).
  public var bounds: Rect { Rect(size: size) }

  /// The cell at column `x`, row `y`; both must lie within the surface.
  public subscript(x: Int, y: Int) -> Cell {
    precondition(bounds.contains(Point(x: x, y: y)), "cell (\(x),\(y)) outside \(size)")
    return cells[y * size.width + x]
  }

  /// The cell at `point`, or `nil` outside the surface.
  public func cell(at point: Point) -> Cell? {
    bounds.contains(point) ? cells[point.y * size.width + point.x] : nil
  }

  // MARK: Clipping

  /// Runs `body` with writes restricted to `rect` (within the current clip), then restores it.
  ///
  /// Widgets draw through this so that no widget can touch cells outside the area it was
  /// given, whatever its content.
  @discardableResult
  public mutating func withClip<Result>(
    _ rect: Rect, _ body: (inout Surface) throws -> Result
  ) rethrows -> Result {
    let saved = clip
    clip = clip.intersection(rect)
    defer { clip = saved }
    return try body(&self)
  }

  // MARK: Drawing

  /// Writes `text` from `origin` on one row, in `style`, and returns the column after it.
  ///
  /// Characters left of the clip are skipped (their columns still count), characters right
  /// of it are dropped. With `maxWidth`, at most that many columns are used; a wide
  /// character that would straddle that limit or the clip edge becomes a space. Newlines and
  /// other control characters take no column and are not shown.
  ///
  /// - Returns: The column just after the last character placed or skipped, so consecutive
  ///   writes can continue where the previous one stopped.
  /// - Complexity: O(n) in the length of `text`.
  @discardableResult
  public mutating func write(
    _ text: some StringProtocol, at origin: Point, style: Style, maxWidth: Int? = nil
  ) -> Int {
    let limit = maxWidth.map { origin.x + max(0, $0) } ?? Int.max
    let rowVisible = origin.y >= clip.y && origin.y < clip.maxY
    var column = origin.x
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      index = text.index(after: index)
      let width = DisplayWidth.of(character)
      if width == 0 { continue }
      if column + width > limit {
        if column < limit, rowVisible { place(" ", width: 1, x: column, y: origin.y, style: style) }
        column = limit
        break
      }
      if rowVisible { place(character, width: width, x: column, y: origin.y, style: style) }
      column += width
      if column >= clip.maxX {
        // Nothing further can be shown; measure the rest without placing it.
        column = min(limit, column + DisplayWidth.of(text[index...]))
        break
      }
    }
    checkRowInvariants(origin.y)
    return column
  }

  /// Fills `rect` (within the clip) with `grapheme`, which must be one column wide.
  ///
  /// - Complexity: O(area of `rect`).
  public mutating func fill(_ rect: Rect, with grapheme: Character = " ", style: Style) {
    precondition(DisplayWidth.of(grapheme) == 1, "fill grapheme must be one column wide")
    let area = rect.intersection(clip)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        detach(x: x, y: y)
        cells[y * size.width + x] = Cell(grapheme, style: style)
      }
      checkRowInvariants(y)
    }
  }

  /// Sets the style of every cell in `rect` (within the clip), keeping the graphemes.
  ///
  /// Used to highlight a row that was drawn in ordinary styles. A wide grapheme cut by the
  /// rectangle's edge keeps both halves in step.
  ///
  /// - Complexity: O(area of `rect`).
  public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
    let area = rect.intersection(clip)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        let index = y * size.width + x
        cells[index].style = transform(cells[index].style)
      }
    }
  }

  /// Places one grapheme of `width` columns at (`x`, `y`), within the clip.
  ///
  /// A wide grapheme with only one of its columns inside the clip becomes a space in that
  /// column. Whatever it overwrites is detached first, so no wide grapheme is left half-drawn.
  private mutating func place(_ grapheme: Character, width: Int, x: Int, y: Int, style: Style) {
    let leftInside = x >= clip.x && x < clip.maxX
    if width == 1 || !(leftInside && x + 1 < clip.maxX) {
      let column = leftInside ? x : x + 1
      guard width == 2 || leftInside, column >= clip.x, column < clip.maxX else { return }
      detach(x: column, y: y)
      cells[y * size.width + column] = Cell(width == 1 ? grapheme : " ", style: style)
      return
    }
    detach(x: x, y: y)
    detach(x: x + 1, y: y)
    cells[y * size.width + x] = Cell(grapheme, width: 2, style: style)
    cells[y * size.width + x + 1] = .continuation(style)
  }

  /// Makes the cell at (`x`, `y`) independent of any wide grapheme it is half of, by turning
  /// the other half into a blank of that half's style.
  private mutating func detach(x: Int, y: Int) {
    let index = y * size.width + x
    let cell = cells[index]
    if cell.width == 2, x + 1 < size.width {
      cells[index + 1] = .blank(cells[index + 1].style)
      cells[index] = .blank(cell.style)
    } else if cell.isContinuation, x > 0 {
      cells[index - 1] = .blank(cells[index - 1].style)
      cells[index] = .blank(cell.style)
    }
  }

  // MARK: Text forms

  /// Each row as text, wide graphemes once, trailing blanks removed (as `tmux capture-pane`
  /// prints a screen).
  ///
  /// - Complexity: O(width × height).
  public var lines: [String] {
    (0..<size.height).map { y in
      var line = ""
      for x in 0..<size.width {
        let cell = cells[y * size.width + x]
        if !cell.isContinuation { line.append(cell.grapheme) }
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// The rows of ``lines`` joined by newlines.
  public var text: String { lines.joined(separator: "\n") }

  /// Each row as one code character per column, from `code(style)`: a second layer for golden
  /// files, so a change of role (a lost selection highlight) shows up as a diff.
  ///
  /// - Complexity: O(width × height).
  public func styleLines(_ code: (Style) -> Character) -> [String] {
    (0..<size.height).map { y in
      String((0..<size.width).map { x in code(cells[y * size.width + x].style) })
    }
  }

  // MARK: Invariants

  /// Traps if a wide grapheme is split or the clip leaves the surface (debug builds only).
  ///
  /// - Complexity: O(width × height) in debug builds, O(1) otherwise.
  public func checkInvariants() {
    #if DEBUG
    precondition(cells.count == size.width * size.height, "cell count does not match size")
    precondition(bounds.intersection(clip) == clip || clip.isEmpty, "clip \(clip) outside \(size)")
    for y in 0..<size.height { checkRowInvariants(y) }
    #endif
  }

  /// The wide-grapheme invariant for one row (debug builds only).
  private func checkRowInvariants(_ y: Int) {
    #if DEBUG
    guard y >= 0, y < size.height else { return }
    let start = y * size.width
    for x in 0..<size.width {
      let cell = cells[start + x]
      if cell.width == 2 {
        precondition(
          x + 1 < size.width && cells[start + x + 1].isContinuation,
          "wide grapheme at (\(x),\(y)) has no continuation cell")
      } else if cell.isContinuation {
        precondition(
          x > 0 && cells[start + x - 1].width == 2,
          "continuation cell at (\(x),\(y)) has no wide grapheme before it")
      }
    }
    #endif
  }
}

extension Surface: Sendable {}
