import Operations
import Model

extension AppReducer {
  /// Clicks and the wheel: the wheel moves like the arrow keys; a left click on the menu or a
  /// tab switches to it, on a table's row selects the row, and on the header of a table that
  /// sorts (Collections) sorts by that column, again to reverse.
  ///
  /// Hit-testing uses the same layout functions and table views as drawing, so a click lands
  /// on what the user sees under the pointer.
  static func handleMouse(_ event: MouseEvent, _ state: inout AppState, _ effects: inout [Effect]) {
    switch event.kind {
    case .wheelUp:
      for _ in 0..<3 { perform(.up, &state, &effects) }
    case .wheelDown:
      for _ in 0..<3 { perform(.down, &state, &effects) }
    case .leftPress:
      let layout = ChromeLayout(size: state.size)
      if event.position.y == layout.menu.y {
        if let section = ChromeLayout.menuSection(at: event.position.x - layout.menu.x) {
          perform([.showCollections, .showBackups, .showConsole, .help][section.rawValue], &state, &effects)
        }
        return
      }
      let overlay = state.dialog != nil || state.form != nil || state.payloadEditor != nil || state.columnPicker != nil
      guard !overlay, layout.body.contains(event.position) else { return }
      click(at: event.position, body: layout.body, &state, &effects)
    case .leftRelease, .rightPress:
      break
    }
  }

  /// A left click at `point` inside the body of the view shown.
  static func click(at point: Point, body: Rect, _ state: inout AppState, _ effects: inout [Effect]) {
    switch state.route {
    case .collections:
      let area = CollectionsScreen.tableArea(in: body)
      let table = CollectionsScreen.table(state)
      if let column = table.column(at: point, area: area) {
        var sort = TableSort(column: column)
        if let current = state.collections.table.sort, current.column == column { sort.ascending = !current.ascending }
        state.collections.table.sort = sort
      } else {
        select(table, at: point, area: area, &state.collections.table)
      }
    case .collection:
      guard var page = state.page else { return }
      defer { state.page = page }
      let areas = CollectionScreen.areas(in: body)
      let tabs = state.visibleTabs
      if let tab = CollectionScreen.tabBar(page, tabs: tabs).tab(at: point, area: areas.tabs),
        tabs.indices.contains(tab)
      {
        show(tabs[tab], &page, &effects)
        return
      }
      switch page.tab {
      case .points:
        let area = PointsTab.areas(in: areas.content).table
        let table = PointsTab.table(page.points, columns: state.payloadColumns(of: page.name))
        let before = page.points.table.selectedRow
        guard select(table, at: point, area: area, &page.points.table) else { return }
        if page.points.table.selectedRow != before { page.points.json = JSONTreeState() }
        page.points.isJSONFocused = false
      case .snapshots:
        select(SnapshotsTab.table(page), at: point, area: areas.content, &page.snapshots.table)
      case .info, .quality, .visualize:
        break
      }
    case .backups:
      let areas = BackupsScreen.tableAreas(state, in: body)
      let focused = state.backups.focus == .schedules
      if select(
        BackupsScreen.schedulesTable(state, focused: focused), at: point, area: areas.schedules,
        &state.backups.scheduleTable)
      {
        state.backups.focus = .schedules
      } else if select(
        BackupsScreen.backupsTable(state, focused: !focused), at: point, area: areas.backups, &state.backups.backupTable
      ) {
        state.backups.focus = .backups
      }
    case .console, .help:
      // The console's scrollback is text, not a list: nothing to select.
      break
    }
  }

  /// Selects the row of `view` (drawn in `area`) under `point`, keeping the rows where they
  /// were drawn; returns whether there was a row there.
  @discardableResult
  static func select(_ view: TableView, at point: Point, area: Rect, _ table: inout TableState) -> Bool {
    guard let row = view.row(at: point, area: area) else { return false }
    table.scrollOffset = view.firstShownRow(area: area)
    table.select(row, rowCount: view.rows.count)
    return true
  }
}
