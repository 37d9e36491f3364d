import VectorEngine
import Operations

/// A collection's page: the tab bar, then the tab shown.
enum CollectionScreen {
  /// Draws the page in `area`.
  static func render(_ state: AppState, into surface: inout Surface, area: Rect) {
    guard let page = state.page else { return }
    let info = page.info.map { " · \(ResultFormatting.count($0.pointsCount)) points · \($0.config.dimension) · \($0.config.distance.rawValue)" } ?? ""
    let inner = Frame(title: page.name + info, role: .borderFocused).render(into: &surface, area: area)
    let parts = Layout.vertical([.fixed(1), .fixed(1), .fill], in: inner.inset(left: 1, right: 1))
    TabBar(titles: CollectionTab.allCases.map(\.title), selected: page.tab.rawValue).render(into: &surface, area: parts[0])
    let content = parts[2]
    switch page.tab {
    case .points: PointsTab.render(page, state: state, into: &surface, area: content)
    case .info: InfoTab.render(page, into: &surface, area: content)
    case .quality: QualityTab.render(page, into: &surface, area: content)
    case .snapshots: SnapshotsTab.render(page, into: &surface, area: content)
    case .visualize: VisualizeTab.render(page, into: &surface, area: content)
    }
  }
}
