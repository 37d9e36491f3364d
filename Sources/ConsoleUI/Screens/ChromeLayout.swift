import Model
/// Where the console's fixed parts sit for a terminal size: header, menu, breadcrumbs, body,
/// status row and footer, top to bottom.
///
/// The reducer uses the same layout as rendering (page sizes, mouse clicks), so both agree.
public struct ChromeLayout: Hashable {
  /// The header bar: data directory, engine version, collections, scheduler.
  public let header: Rect
  /// The menu: Collections, Backups, Console, Help.
  public let menu: Rect
  /// The breadcrumbs.
  public let breadcrumbs: Rect
  /// The view shown.
  public let body: Rect
  /// The prompt, or the latest message.
  public let status: Rect
  /// Key hints.
  public let footer: Rect

  /// The layout of a terminal of `size`.
  public init(size: Size) {
    let parts = Layout.vertical(
      [.fixed(1), .fixed(1), .fixed(1), .fill, .fixed(1), .fixed(1)], in: Rect(size: size))
    header = parts[0]
    menu = parts[1]
    breadcrumbs = parts[2]
    body = parts[3]
    status = parts[4]
    footer = parts[5]
  }

  /// The menu's entries as drawn: ` 1 Collections   2 Backups   3 Console   ? Help `.
  static let menuTitles = ["1 Collections", "2 Backups", "3 Console", "? Help"]

  /// The menu entry under column `x` of the menu row.
  static func menuSection(at x: Int) -> MenuSection? {
    let ranges = TabBar(titles: menuTitles, selected: 0).tabRanges()
    return ranges.firstIndex { $0.contains(x) }.flatMap { MenuSection(rawValue: $0) }
  }
}

extension ChromeLayout: Sendable {}
