import Operations
import Testing
import VectorEngine

@testable import ConsoleUI
import Model

/// Left clicks on rows, tabs and headers, at positions taken from the layout functions the
/// renderer uses, checked against the state and against the frame drawn afterwards.
struct AppReducerMouseTests {
  let size = Size(width: 100, height: 30)

  private var body: Rect { ChromeLayout(size: size).body }

  private func click(_ state: AppState, at point: Point) -> (AppState, [Effect]) {
    AppReducer.reduce(state, .key(.mouse(MouseEvent(.leftPress, at: point))))
  }

  /// The point on body row `row` (0 is the first row under the header) of a table in `area`.
  private func rowPoint(_ row: Int, in area: Rect) -> Point {
    Point(x: area.x + 2, y: area.inset(top: 1).y + row)
  }

  /// Whether the frame for `state` draws `point` as part of the selection bar.
  private func isSelectionBar(_ state: AppState, at point: Point) -> Bool {
    let surface = ScreenRenderer.render(state, size: size, theme: .builtIn)
    let role = surface.cell(at: point)?.style.role
    return role == .selection || role == .selectionInactive
  }

  @Test func clickSelectsTheCollectionUnderIt() {
    let state = ConsoleFixtures.state(size: size)
    let point = rowPoint(2, in: CollectionsScreen.tableArea(in: body))
    #expect(!isSelectionBar(state, at: point))
    let (clicked, _) = click(state, at: point)
    #expect(clicked.collections.selected?.name == state.collections.visible[2].name)
    #expect(isSelectionBar(clicked, at: point))
  }

  @Test func headerClickSortsByThatColumnThenReverses() throws {
    let state = ConsoleFixtures.state(size: size)
    let area = CollectionsScreen.tableArea(in: body)
    let header = ScreenRenderer.render(state, size: size, theme: .builtIn).lines[area.y]
    let title = try #require(header.firstRange(of: "POINTS"))
    let point = Point(x: header.distance(from: header.startIndex, to: title.lowerBound) + 1, y: area.y)
    let column = try #require(CollectionsModel.columnTitles.firstIndex(of: "POINTS"))

    let (ascending, _) = click(state, at: point)
    #expect(ascending.collections.table.sort == TableSort(column: column, ascending: true))
    #expect(ascending.collections.visible.map(\.pointsCount) == [400, 800, 3_000])
    let (descending, _) = click(ascending, at: point)
    #expect(descending.collections.table.sort == TableSort(column: column, ascending: false))
    #expect(descending.collections.visible.map(\.pointsCount) == [3_000, 800, 400])
  }

  @Test func clickOnATabSwitchesToItAndLoadsWhatItShows() throws {
    let state = ConsoleFixtures.collectionState(size: size, tab: .points)
    let tabs = CollectionScreen.areas(in: body).tabs
    let ranges = CollectionScreen.tabBar(try #require(state.page), tabs: state.visibleTabs).tabRanges()
    let visualize = CollectionTab.visualize.rawValue
    let (clicked, effects) = click(state, at: Point(x: tabs.x + ranges[visualize].lowerBound + 1, y: tabs.y))
    #expect(clicked.page?.tab == .visualize)
    #expect(effects == [.loadProjection("docs")])
    let info = CollectionTab.info.rawValue
    let (back, _) = click(clicked, at: Point(x: tabs.x + ranges[info].upperBound - 1, y: tabs.y))
    #expect(back.page?.tab == .info)
  }

  @Test func clickSelectsThePointUnderItInAScrolledTable() {
    var state = ConsoleFixtures.collectionState(size: size, tab: .points)
    for _ in 0..<25 { state = AppReducer.reduce(state, .key(.character("j"))).0 }
    state.page?.points.isJSONFocused = true
    let area = PointsTab.areas(in: CollectionScreen.areas(in: body).content).table
    let point = rowPoint(1, in: area)
    let (clicked, _) = click(state, at: point)
    let selected = clicked.page?.points.table.selectedRow
    #expect(selected != nil && selected != 25, "a click moves the selection")
    #expect(clicked.page?.points.isJSONFocused == false)
    #expect(isSelectionBar(clicked, at: point), "the row under the pointer is the one selected")
    let line = ScreenRenderer.render(clicked, size: size, theme: .builtIn).lines[point.y]
    let id = clicked.page?.points.selected?.id.description ?? "?"
    #expect(line.contains(" \(id) "), "\(line)")
  }

  @Test func clickSelectsTheSnapshotUnderIt() {
    let state = ConsoleFixtures.collectionState(size: size, tab: .snapshots)
    #expect(state.page?.snapshots.table.selectedRow == 0)
    let point = rowPoint(1, in: CollectionScreen.areas(in: body).content)
    let (clicked, _) = click(state, at: point)
    #expect(clicked.page?.snapshots.selected?.name == ConsoleFixtures.snapshots[1].name)
    #expect(isSelectionBar(clicked, at: point))
  }

  @Test func clickSelectsAScheduleOrABackupAndFocusesItsTable() {
    let state = AppReducer.reduce(ConsoleFixtures.state(size: size), .key(.character("2"))).0
    let areas = BackupsScreen.tableAreas(state, in: body)
    let (backup, _) = click(state, at: rowPoint(2, in: areas.backups))
    #expect(backup.backups.focus == .backups)
    #expect(backup.backups.selectedBackup?.id == ConsoleFixtures.backups[2].id)
    let (schedule, _) = click(backup, at: rowPoint(1, in: areas.schedules))
    #expect(schedule.backups.focus == .schedules)
    #expect(schedule.backups.selectedSchedule?.name == ConsoleFixtures.schedules[1].name)
    #expect(isSelectionBar(schedule, at: rowPoint(1, in: areas.schedules)))
  }

  @Test func clicksUnderADialogChangeNothing() {
    let state = AppReducer.reduce(ConsoleFixtures.state(size: size), .key(.control("d"))).0
    #expect(state.dialog != nil)
    let (clicked, effects) = click(state, at: rowPoint(2, in: CollectionsScreen.tableArea(in: body)))
    #expect(clicked.collections.table.selectedRow == state.collections.table.selectedRow)
    #expect(clicked.dialog != nil && effects.isEmpty)
  }
}
