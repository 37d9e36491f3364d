import Operations

/// A row of tabs, the active one highlighted: ` Points   Info   Snapshots `.
///
/// When the tabs are wider than the row, they scroll so the active tab is fully shown.
public struct TabBar: Hashable {
  /// The tab titles, left to right.
  public var titles: [String]
  /// The active tab's index.
  public var selected: Int
  /// Blank columns between tabs.
  public var spacing: Int

  /// Creates a tab bar.
  public init(titles: [String], selected: Int, spacing: Int = 1) {
    self.titles = titles
    self.selected = selected
    self.spacing = spacing
  }

  /// Draws the tabs in the first row of `area`.
  ///
  /// - Complexity: O(total length of the titles).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    let shift = scrollOffset(width: row.width)
    surface.withClip(row) { surface in
      for (index, range) in tabRanges().enumerated() {
        let role: ThemeRole = index == selected ? .tabActive : .tabInactive
        surface.write(
          " " + titles[index] + " ", at: Point(x: row.x + range.lowerBound - shift, y: row.y),
          style: Style(role))
      }
    }
  }

  /// The tab under column `x` when the bar is drawn in `area`, for mouse clicks.
  public func tab(at point: Point, area: Rect) -> Int? {
    guard area.row(0).contains(point) else { return nil }
    let column = point.x - area.x + scrollOffset(width: area.width)
    return tabRanges().firstIndex { $0.contains(column) }
  }

  /// Each tab's columns (title plus one blank each side), from the bar's left edge.
  func tabRanges() -> [Range<Int>] {
    var x = 0
    return titles.map { title in
      let width = DisplayWidth.of(title) + 2
      defer { x += width + spacing }
      return x..<(x + width)
    }
  }

  /// How far the tabs scroll left so the active tab fits in `width` columns.
  private func scrollOffset(width: Int) -> Int {
    let ranges = tabRanges()
    guard ranges.indices.contains(selected), let last = ranges.last else { return 0 }
    let active = ranges[selected]
    let maximum = max(0, last.upperBound - width)
    return min(maximum, max(0, active.upperBound - width))
  }
}

extension TabBar: Sendable {}
