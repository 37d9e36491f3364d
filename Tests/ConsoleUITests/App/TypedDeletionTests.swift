import Operations
import Testing
import VectorEngine

@testable import ConsoleUI
import Model

/// Irreversible deletes in the console ask for the name (or id) of what goes, and start with
/// the action disabled.
struct TypedDeletionTests {
  let size = Size(width: 100, height: 30)

  @Test func deletingASnapshotAsksForItsName() {
    let name = ConsoleFixtures.snapshots[0].name
    var (state, effects) = press(ConsoleFixtures.collectionState(size: size, tab: .snapshots), .control("d"))
    #expect(state.dialog?.dialog.requiredText == name)
    #expect(state.dialog?.state.focusedButton == 0)
    (state, effects) = press(state, .tab, .enter)
    #expect(effects.isEmpty, "the action is disabled before the name is typed")
    #expect(state.dialog != nil)
    #expect(state.message?.text == "type \(name) to confirm")
    state = type(state, String(name.dropLast()))
    #expect(state.dialog?.state.focusedButton == 0, "a partial name leaves the focus on Cancel")
    state = type(state, String(name.last ?? " "))
    (state, effects) = press(state, .enter)
    #expect(state.dialog == nil)
    #expect(effects == [.deleteSnapshot(collection: "docs", name: name)])
  }

  @Test func deletingABackupAsksForItsID() {
    var (state, effects) = press(ConsoleFixtures.state(size: size), .character("2"), .tab, .control("d"))
    #expect(state.dialog?.dialog.requiredText == "3")
    (state, effects) = press(state, .right, .enter)
    #expect(effects.isEmpty)
    state = type(state, "2")
    (state, effects) = press(state, .enter)
    #expect(effects.isEmpty, "a wrong id cancels (the focus went back to Cancel)")
    #expect(state.dialog == nil)
    (state, _) = press(state, .control("d"))
    state = type(state, "3")
    (state, effects) = press(state, .enter)
    #expect(effects == [.deleteBackup(3)])
  }

  @Test func deletingAScheduleWithItsBackupsAsksForItsName() {
    var (state, effects) = press(ConsoleFixtures.state(size: size), .character("2"), .control("d"))
    let dialog = state.dialog
    #expect(dialog?.dialog.buttons == ["Cancel", "Delete", "Delete with backups"])
    #expect(dialog?.dialog.requiredText == "nightly")
    #expect(dialog?.dialog.guardedButton == 2)
    #expect(dialog?.dialog.message.contains("keeps its 1 backups") == true)
    #expect(dialog?.state.focusedButton == 0)

    // Delete without typing keeps the backups.
    (_, effects) = press(state, .tab, .enter)
    #expect(effects == [.deleteSchedule("nightly", deletingBackups: false)])

    // Delete with backups is disabled until the name is typed.
    (state, effects) = press(state, .tab, .tab, .enter)
    #expect(effects.isEmpty)
    #expect(state.dialog != nil)
    state = type(state, "nightly")
    #expect(state.dialog?.state.focusedButton == 2)
    (state, effects) = press(state, .enter)
    #expect(state.dialog == nil)
    #expect(effects == [.deleteSchedule("nightly", deletingBackups: true)])
    #expect(state.activity?.text == "deleting nightly and its backups…")
  }
}
