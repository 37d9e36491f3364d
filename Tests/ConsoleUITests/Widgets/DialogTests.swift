import Foundation
import Testing

@testable import ConsoleUI

struct DialogTests {
  static let dropDialog = Dialog.typedConfirmation(
    title: "Delete collection",
    message: "Delete docs_v1 and its 12034 points? This cannot be undone.",
    name: "docs_v1", action: "Delete")

  private func render(_ dialog: Dialog, state: DialogState, size: Size) -> Surface {
    var surface = Surface(size: size)
    surface.write(String(repeating: "x", count: size.width), at: .zero, style: Style(.text))
    dialog.render(into: &surface, area: surface.bounds, state: state)
    surface.checkInvariants()
    return surface
  }

  @Test func goldenTypedNameConfirmation() {
    let dialog = Self.dropDialog
    var state = dialog.initialState()
    state.field.insert("docs")
    Golden.check(
      Golden.document(render(dialog, state: state, size: Size(width: 50, height: 13))),
      named: "dialog-typed-name-50x13")
  }

  @Test func goldenConfirmation() {
    let dialog = Dialog.confirmation(
      title: "Restore snapshot", message: "Restore docs_v1 from 2024-05-01?", action: "Restore")
    Golden.check(
      Golden.document(
        render(dialog, state: dialog.initialState(), size: Size(width: 48, height: 9))),
      named: "dialog-confirm-48x9")
  }

  @Test func dialogsStartOnCancel() {
    let dialog = Dialog.confirmation(title: "Delete", message: "Sure?", action: "Delete")
    #expect(dialog.initialState().focusedButton == dialog.cancelButton)
    #expect(dialog.buttons[dialog.cancelButton] == "Cancel")
    let surface = render(dialog, state: dialog.initialState(), size: Size(width: 50, height: 9))
    let cancel = surface.lines.firstIndex { $0.contains("[ Cancel ]") }!
    let column = surface.lines[cancel].distance(
      from: surface.lines[cancel].startIndex,
      to: surface.lines[cancel].range(of: "[ Cancel ]")!.lowerBound)
    #expect(surface[column, cancel].style.role == .buttonFocused)
  }

  @Test func theGuardedButtonIsDisabledUntilTheNameIsTyped() {
    let dialog = Self.dropDialog
    var state = dialog.initialState()
    #expect(!dialog.isEnabled(1, state: state))
    #expect(dialog.isEnabled(0, state: state))
    state.field.insert("docs_v")
    #expect(!dialog.isEnabled(1, state: state))
    state.field.insert("1")
    #expect(dialog.isEnabled(1, state: state))
    state.field.insert("x")
    #expect(!dialog.isEnabled(1, state: state))
  }

  @Test func buttonHitTesting() {
    let dialog = Dialog.confirmation(title: "Delete", message: "Sure?", action: "Delete")
    let area = Rect(x: 0, y: 0, width: 60, height: 20)
    let surface = render(dialog, state: dialog.initialState(), size: area.size)
    let row = surface.lines.firstIndex { $0.contains("[ Delete ]") }!
    let line = surface.lines[row]
    let deleteX = line.distance(from: line.startIndex, to: line.range(of: "[ Delete ]")!.lowerBound)
    #expect(dialog.button(at: Point(x: deleteX + 2, y: row), area: area) == 1)
    #expect(dialog.button(at: Point(x: deleteX - 3, y: row), area: area) == 0)
    #expect(dialog.button(at: Point(x: deleteX + 2, y: row - 1), area: area) == nil)
  }

  @Test func theTypedNameFieldReportsTheCursor() throws {
    let dialog = Self.dropDialog
    var state = dialog.initialState()
    state.field.insert("do")
    let surface = render(dialog, state: state, size: Size(width: 50, height: 13))
    let cursor = try #require(surface.cursor)
    #expect(surface[cursor.x - 2, cursor.y].grapheme == "d")
    #expect(surface[cursor.x, cursor.y].style.attributes.contains(.reverse))
  }
}
