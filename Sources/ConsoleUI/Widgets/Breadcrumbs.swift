import Operations

/// Where the user is in the view stack: `Collections › docs › Points`, the last one highlighted.
///
/// When the trail is too wide, the oldest crumbs give way to `…`.
public struct Breadcrumbs: Hashable {
  /// The crumbs, oldest first.
  public var items: [String]
  /// The text between crumbs.
  public var separator: String

  /// Creates breadcrumbs.
  public init(_ items: [String], separator: String = " › ") {
    self.items = items
    self.separator = separator
  }

  /// Draws the trail in the first row of `area`.
  ///
  /// - Complexity: O(total length of the crumbs).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty, !items.isEmpty else { return }
    let row = area.row(0)
    let separatorWidth = DisplayWidth.of(separator)
    var first = 0
    func width(from start: Int) -> Int {
      let crumbs = items[start...].reduce(0) { $0 + DisplayWidth.of($1) }
      let separators = (items.count - start - 1) * separatorWidth
      let ellipsis = start > 0 ? 1 + separatorWidth : 0
      return crumbs + separators + ellipsis
    }
    while first < items.count - 1 && width(from: first) > row.width { first += 1 }
    surface.withClip(row) { surface in
      var x = row.x
      if first > 0 {
        x = surface.write("…", at: Point(x: x, y: row.y), style: Style(.breadcrumb))
        x = surface.write(separator, at: Point(x: x, y: row.y), style: Style(.breadcrumb))
      }
      for index in first..<items.count {
        let last = index == items.count - 1
        x = surface.write(
          items[index], at: Point(x: x, y: row.y),
          style: Style(last ? .breadcrumbActive : .breadcrumb))
        if !last {
          x = surface.write(separator, at: Point(x: x, y: row.y), style: Style(.breadcrumb))
        }
      }
    }
  }
}

extension Breadcrumbs: Sendable {}
