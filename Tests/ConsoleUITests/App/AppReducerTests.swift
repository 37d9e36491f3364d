import Operations
import Testing
import VectorEngine

@testable import ConsoleUI
@testable import Model

/// The reducer driven by keys and results, with no terminal and no engine.
struct AppReducerTests {
  let size = Size(width: 100, height: 30)

  @Test func enterOpensTheSelectedCollectionAndLoadsItsFirstPage() {
    let state = ConsoleFixtures.state(size: size)
    #expect(state.collections.selected?.name == "docs")
    let (opened, effects) = press(state, .character("j"), .enter)
    #expect(opened.route == .collection("product-images"))
    #expect(effects.contains(.loadPoints(collection: "product-images", filter: "", offset: nil, append: false)))
    let (back, _) = press(opened, .escape)
    #expect(back.route == .collections)
    #expect(back.page == nil)
  }

  @Test func dropAsksForTheNameAndStartsOnCancel() {
    var (state, effects) = press(ConsoleFixtures.state(size: size), .control("d"))
    #expect(state.dialog?.dialog.requiredText == "docs")
    #expect(state.dialog?.state.focusedButton == 0)
    (state, effects) = press(state, .enter)
    #expect(state.dialog == nil)
    #expect(effects.isEmpty)
    (state, _) = press(state, .control("d"))
    state = type(state, "doc")
    (state, effects) = press(state, .tab, .enter)
    #expect(effects.isEmpty, "the action stays disabled until the whole name is typed")
    state = type(state, "s")
    #expect(state.dialog?.state.focusedButton == 1)
    (state, effects) = press(state, .enter)
    #expect(effects == [.dropCollection("docs")])
  }

  @Test func readOnlyHidesEveryWritingKey() {
    let state = ConsoleFixtures.state(size: size, readOnly: true)
    let (after, effects) = press(state, .control("d"), .character("n"))
    #expect(after.dialog == nil && after.form == nil && effects.isEmpty)
    let footer = state.keymap.footerHints(for: .list).map(\.action)
    #expect(!footer.contains(.delete) && !footer.contains(.create))
    let help = HelpScreen.lines(state, themeName: "mono").map(\.text)
    #expect(!help.contains(Action.delete.summary))
    #expect(help.contains(Action.describe.summary))
  }

  @Test func aMalformedFilterKeepsThePromptOpenWithTheError() {
    var (state, _) = press(ConsoleFixtures.collectionState(size: size, tab: .points), .character("/"))
    state = type(state, "year>=")
    var effects: [Effect]
    (state, effects) = press(state, .enter)
    #expect(state.prompt?.kind == .filter)
    #expect(state.message?.role == .statusError)
    #expect(effects.isEmpty)
    (state, _) = press(state, .backspace, .backspace)
    state = type(state, ">=2020 tenant:acme")
    (state, effects) = press(state, .enter)
    #expect(state.prompt == nil)
    #expect(effects == [.loadPoints(collection: "docs", filter: "year>=2020 tenant:acme", offset: nil, append: false)])
    (state, effects) = press(state, .escape)
    #expect(state.page?.points.filterText == "")
    #expect(effects == [.loadPoints(collection: "docs", filter: "", offset: nil, append: false)])
  }

  @Test func movingPastTheLastLoadedPointLoadsTheNextPage() {
    var state = ConsoleFixtures.collectionState(size: size, tab: .points)
    var effects: [Effect]
    (state, effects) = press(state, .character("G"))
    #expect(state.page?.points.table.selectedRow == 39)
    #expect(effects == [.loadPoints(collection: "docs", filter: "", offset: .number(41), append: true)])
    let more = ScrollPage(
      points: [PointRecord(id: .number(41), payload: ["tenant": "acme"], vector: nil)], nextPageOffset: nil)
    state = AppReducer.reduce(state, .pointsLoaded(collection: "docs", page: more, append: true, total: nil)).0
    #expect(state.page?.points.records.count == 41)
    #expect(state.page?.points.table.selectedRow == 39)
    (state, effects) = press(state, .down, .down)
    #expect(state.page?.points.table.selectedRow == 40)
    #expect(effects.isEmpty)
  }

  @Test func pointKeysAskForSimilarCopyEditAndDelete() {
    let state = ConsoleFixtures.collectionState(size: size, tab: .points)
    #expect(press(state, .character("s")).1 == [.findSimilar(collection: "docs", id: .number(1), filter: "")])
    #expect(press(state, .character("c")).1 == [.copy("1")])
    #expect(
      press(state, .character("e")).1.first
        == .editPayload(collection: "docs", id: .number(1), payload: ConsoleFixtures.points[0].payload ?? JSONObject()))
    let (deleting, _) = press(state, .control("d"))
    #expect(deleting.dialog?.act == .deletePoint(collection: "docs", id: .number(1)))
    #expect(deleting.dialog?.state.focusedButton == deleting.dialog?.dialog.cancelButton)
  }

  @Test func anEditedPayloadIsShownAsADiffBeforeSaving() {
    let old: JSONObject = ["tenant": "acme", "year": 2020]
    let new: JSONObject = ["tenant": "globex", "year": 2020, "lang": "de"]
    let state = AppReducer.reduce(
      ConsoleFixtures.collectionState(size: size, tab: .points),
      .payloadEdited(collection: "docs", id: .number(1), old: old, new: new)
    ).0
    #expect(state.dialog?.dialog.message == "- tenant: \"acme\"\n+ tenant: \"globex\"\n+ lang: \"de\"")
    let (saved, effects) = press(state, .tab, .enter)
    #expect(saved.dialog == nil)
    #expect(effects == [.savePayload(collection: "docs", id: .number(1), payload: new)])
  }

  @Test func restoringOverALiveCollectionAsksForItsName() {
    var (state, _) = press(ConsoleFixtures.collectionState(size: size, tab: .snapshots), .character("r"))
    #expect(state.prompt?.field.text == "docs")
    (state, _) = press(state, .enter)
    #expect(state.dialog?.dialog.requiredText == "docs")
    #expect(
      state.dialog?.act
        == .restoreSnapshot(collection: "docs", name: ConsoleFixtures.snapshots[0].name, target: "docs", replace: true))
    (state, _) = press(state, .escape, .character("r"), .backspace, .backspace, .backspace, .backspace)
    state = type(state, "docs-restored")
    (state, _) = press(state, .enter)
    #expect(state.dialog?.dialog.requiredText == nil)
    #expect(
      state.dialog?.act
        == .restoreSnapshot(
          collection: "docs", name: ConsoleFixtures.snapshots[0].name, target: "docs-restored", replace: false))
  }

  @Test func theCommandLineRunsCommandsKeepsHistoryAndCompletes() {
    var (state, _) = press(ConsoleFixtures.state(size: size), .character(":"))
    state = type(state, "sna")
    (state, _) = press(state, .tab)
    #expect(state.prompt?.field.text == "snapshot ")
    state = type(state, "cr")
    (state, _) = press(state, .tab)
    #expect(state.prompt?.field.text == "snapshot create ")
    state = type(state, "pro")
    (state, _) = press(state, .tab)
    #expect(state.prompt?.field.text == "snapshot create product-images ")
    var effects: [Effect]
    (state, effects) = press(state, .enter)
    #expect(state.route == .console)
    #expect(effects.contains(.runCommand("snapshot create product-images")))
    #expect(effects.contains(.saveHistory(["snapshot create product-images"])))
    (state, _) = press(state, .character(":"), .up)
    #expect(state.prompt?.field.text == "snapshot create product-images")
    (state, _) = press(state, .down)
    #expect(state.prompt?.field.text == "")
  }

  @Test func backupKeysStartTheRightWork() {
    var (state, _) = press(ConsoleFixtures.state(size: size), .character("2"))
    #expect(state.route == .backups)
    #expect(press(state, .character("p")).1 == [.pauseSchedule("nightly", pause: true)])
    (state, _) = press(state, .character("b"))
    #expect(state.prompt?.kind == .backupScope && state.prompt?.field.text == "docs")
    #expect(press(state, .enter).1 == [.backupNow(collection: "docs")])
    (state, _) = press(state, .escape, .tab, .character("v"))
    #expect(press(state, .tab).0.backups.focus == .schedules)
    #expect(
      press(ConsoleFixtures.state(size: size), .character("2"), .tab, .character("v")).1 == [
        .loadBackups, .verifyBackup(3),
      ])
  }

  @Test func theScheduleFormBecomesAScheduleSetCommand() throws {
    var form = FormModel.schedule(name: "hourly-docs", scope: "docs")
    form.fields[1].state.replace(with: "weekly MON")
    #expect(
      try FormCommand.command(for: form).get()
        == "schedule set hourly-docs --weekly MON 02:00 --retention-days 7 --collection docs")
    form.fields[1].state.replace(with: "0 */6 * * *")
    #expect(
      try FormCommand.command(for: form).get()
        == "schedule set hourly-docs --cron \"0 */6 * * *\" --retention-days 7 --collection docs")
    var create = FormModel.createCollection()
    create.fields[0].state.replace(with: "notes")
    #expect(throws: FormProblem.self) { try FormCommand.command(for: create).get() }
    create.fields[1].state.replace(with: "384")
    #expect(
      try FormCommand.command(for: create).get()
        == "collection create notes --dim 384 --distance cosine --storage mmap --m 16 --ef-construct 100")
  }

  @Test func newBackupEventsReloadTheBackups() {
    let state = ConsoleFixtures.state(size: size)
    let event = BackupEvent(id: 3, at: ConsoleFixtures.now, schedule: "nightly", message: "slot due: running")
    let (next, effects) = AppReducer.reduce(state, .eventsLoaded([event]))
    #expect(next.backups.events.last == event)
    #expect(effects == [.loadBackups])
    #expect(AppReducer.reduce(next, .eventsLoaded([event])).1.isEmpty)
    let tick = AppReducer.reduce(state, .tick(now: ConsoleFixtures.now + 2)).1
    #expect(tick == [.loadEvents(after: 2)])
  }

  @Test func theHeaderShowsTheSchedulerState() {
    let state = ConsoleFixtures.state(size: size)
    #expect(Chrome.schedulerText(state) == "next nightly 2026-11-19 02:00 UTC (in 14h40m) · last SUCCEEDED 9h20m ago")
    #expect(Chrome.shortSchedulerText(state) == "next 02:00 UTC · last ✓")
    let narrow = ScreenRenderer.render(state, size: Size(width: 80, height: 24), theme: .builtIn).text
    let header = narrow.split(separator: "\n").first.map(String.init) ?? ""
    #expect(header.hasSuffix("scheduler: next 02:00 UTC · last ✓"), "\(header)")
  }

  @Test func projectionSeparatesTwoClusters() {
    let left = (0..<20).map { index in [Float(-5) + Float(index % 3) * 0.1, 0.2, Float(index % 2) * 0.1] }
    let right = (0..<20).map { index in [Float(5) + Float(index % 3) * 0.1, -0.2, Float(index % 2) * 0.1] }
    let plane = Projection.principalPlane(left + right)
    let leftX = plane.prefix(20).map(\.0)
    let rightX = plane.suffix(20).map(\.0)
    #expect((leftX.max() ?? 0) < (rightX.min() ?? 0) || (rightX.max() ?? 0) < (leftX.min() ?? 0))
  }
}
