import Operations
import Testing
import VectorEngine

@testable import ConsoleUI
import Model

/// The status row's indicator of long work: it appears when the work starts, counts the
/// seconds the ticks bring, turns its spinner, and goes when the result arrives.
struct ActivityModelTests {
  let size = Size(width: 100, height: 30)

  /// The status row as drawn.
  private func statusRow(_ state: AppState) -> String {
    let surface = ScreenRenderer.render(state, size: size, theme: .builtIn)
    return surface.lines[ChromeLayout(size: size).status.y]
  }

  /// Long work started from the keyboard, each with the action its result comes back as.
  static let starts: [(name: String, start: @Sendable (Size) -> (AppState, [Key]), effect: Effect, result: AppAction)] =
    [
      (
        "snapshot", { (ConsoleFixtures.collectionState(size: $0, tab: .snapshots), [.character("n")]) },
        .createSnapshot("docs"), .succeeded("took docs-1.snapshot", then: [.loadSnapshots("docs")])
      ),
      (
        "verify snapshot", { (ConsoleFixtures.collectionState(size: $0, tab: .snapshots), [.character("v")]) },
        .verifySnapshot(collection: "docs", name: ConsoleFixtures.snapshots[0].name),
        .snapshotVerified(collection: "docs", name: ConsoleFixtures.snapshots[0].name, ok: false, message: "damaged")
      ),
      (
        "backup now", { (ConsoleFixtures.state(size: $0), [.character("2"), .character("b"), .enter]) },
        .backupNow(collection: "docs"), .failed("backup: disk full")
      ),
      (
        "verify backup", { (ConsoleFixtures.state(size: $0), [.character("2"), .tab, .character("v")]) },
        .verifyBackup(ConsoleFixtures.backups[0].id), .succeeded("backup verified", then: [])
      ),
      (
        "command",
        { (ConsoleFixtures.state(size: $0), [.character(":")] + "optimize docs".map(Key.character) + [.enter]) },
        .runCommand("optimize docs"),
        .commandFinished(command: "optimize docs", output: ["ok"], errors: [], succeeded: true)
      ),
    ]

  @Test(arguments: 0..<starts.count)
  func indicatorShowsFromStartToResult(_ index: Int) throws {
    let (name, start, effect, result) = Self.starts[index]
    let (initial, keys) = start(size)
    #expect(initial.activity == nil, "\(name)")
    var (state, effects) = (initial, [Effect]())
    for key in keys { (state, effects) = press(state, key) }
    #expect(effects.contains(effect), "\(name): \(effects)")
    let activity = try #require(state.activity, "\(name)")
    #expect(activity.startedAt == ConsoleFixtures.now)
    #expect(statusRow(state).contains("\(activity.text) 0s"), "\(name): \(statusRow(state))")

    state = AppReducer.reduce(state, .tick(now: ConsoleFixtures.now + 12)).0
    #expect(statusRow(state).contains("\(activity.text) 12s"), "\(name): \(statusRow(state))")

    state = AppReducer.reduce(state, result).0
    #expect(state.activity == nil, "\(name)")
    #expect(!statusRow(state).contains(activity.text), "\(name): \(statusRow(state))")
  }

  @Test func restoringABackupShowsTheIndicatorUntilTheStoreChanged() throws {
    var (state, _) = press(ConsoleFixtures.state(size: size), .character("2"), .tab, .character("r"))
    (state, _) = press(state, .enter)
    let required = try #require(state.dialog?.dialog.requiredText, "a restore over a live collection asks for its name")
    for character in required { (state, _) = press(state, .character(character)) }
    let effects: [Effect]
    (state, effects) = press(state, .enter)
    #expect(effects.contains { if case .restoreBackup = $0 { true } else { false } })
    #expect(state.activity?.text == "restoring backup \(ConsoleFixtures.backups[0].id)…")
    state = AppReducer.reduce(state, .tick(now: ConsoleFixtures.now + 75)).0
    #expect(statusRow(state).contains("restoring backup \(ConsoleFixtures.backups[0].id)… 1m 15s"))
    state = AppReducer.reduce(state, .changed("restored")).0
    #expect(state.activity == nil)
    #expect(statusRow(state).contains("restored"))
  }

  @Test func eachTickTurnsTheSpinnerWithinTheSameSecond() {
    let (started, _) = press(ConsoleFixtures.collectionState(size: size, tab: .snapshots), .character("n"))
    let first = statusRow(started)
    let ticked = AppReducer.reduce(started, .tick(now: ConsoleFixtures.now)).0
    #expect(ticked.activity?.ticks == 1)
    #expect(statusRow(ticked) != first, "the spinner frame changes")
    #expect(statusRow(ticked).contains("taking a snapshot of docs… 0s"))
    var state = ticked
    for _ in 1..<ActivityModel.spinnerFrames.count {
      state = AppReducer.reduce(state, .tick(now: ConsoleFixtures.now)).0
    }
    #expect(statusRow(state) == first, "the spinner comes round again")
  }

  @Test func elapsedTimeIsNeverNegative() {
    let activity = ActivityModel("taking a snapshot of docs…", startedAt: 100)
    #expect(activity.elapsedSeconds(now: 90) == 0)
    #expect(activity.statusText(now: 100 + 3_605).hasSuffix("… 60m 05s"))
  }
}
