import Model
import Operations

/// A collection's page: the tab bar, then the tab shown.
enum CollectionScreen {
  /// Draws the page in `area`.
  static func render(_ state: AppState, into surface: inout Surface, area: Rect) {
    guard let page = state.page else { return }
    let info =
      page.info.map {
        $0.isOpened
          ? " · \(Quantity.count($0.pointsCount)) points · \($0.config.dimension) · \($0.config.distance.rawValue)"
          : " · red"
      } ?? ""
    Frame(title: page.name + info, role: .borderFocused).render(into: &surface, area: area)
    let (tabs, content) = areas(in: area)
    tabBar(page, tabs: state.visibleTabs).render(into: &surface, area: tabs)
    switch page.tab {
    case .points: PointsTab.render(page, state: state, into: &surface, area: content)
    case .info: InfoTab.render(page, into: &surface, area: content)
    case .quality: QualityTab.render(page, into: &surface, area: content)
    case .snapshots: SnapshotsTab.render(page, into: &surface, area: content)
    case .visualize: VisualizeTab.render(page, into: &surface, area: content)
    }
  }

  /// Where the tab bar and the tab's content are drawn when the page has `area`.
  static func areas(in area: Rect) -> (tabs: Rect, content: Rect) {
    let parts = Layout.vertical([.fixed(1), .fixed(1), .fill], in: Frame.innerArea(of: area).inset(left: 1, right: 1))
    return (parts[0], parts[2])
  }

  /// The tab bar of `page`.
  static func tabBar(_ page: CollectionPageModel, tabs: [CollectionTab]) -> TabBar {
    TabBar(titles: tabs.map(\.title), selected: tabs.firstIndex(of: page.tab) ?? 0)
  }
}
