import Testing
import VectorEngine

@testable import ConsoleUI
@testable import Model

/// The inline payload editor: edit, a syntax error naming line and column, then the diff and
/// the save.
struct PayloadEditorTests {
  let size = Size(width: 100, height: 30)

  @Test func editingShowsErrorsThenTheDiffThenSaves() throws {
    var state = ConsoleFixtures.collectionState(size: size, tab: .points)
    state.page?.points.records[0].payload = ["tenant": "acme"]
    var effects: [Effect]
    (state, effects) = press(state, .character("E"))
    #expect(effects.isEmpty)
    #expect(state.keyContext == .editor)
    #expect(state.payloadEditor?.editor.lines == ["{", "  \"tenant\": \"acme\"", "}"])

    // Break the JSON: a second member without a comma.
    (state, _) = press(state, .down, .end, .enter)
    state = type(state, "\"year\": 2021")
    (state, effects) = press(state, .control("s"))
    #expect(effects.isEmpty)
    let error = try #require(state.payloadEditor?.error)
    #expect(error == "line 3, column 1: expected ',' or '}'", "\(error)")
    #expect(state.dialog == nil)

    // Fix it: the comma after "acme".
    (state, _) = press(state, .up, .end)
    state = type(state, ",")
    #expect(state.payloadEditor?.error == nil, "editing clears the error")
    (state, effects) = press(state, .control("s"))
    #expect(state.payloadEditor == nil)
    #expect(state.dialog?.dialog.message == "+ year: 2021")
    let new: JSONObject = ["tenant": "acme", "year": 2021]
    (state, effects) = press(state, .tab, .enter)
    #expect(effects == [.savePayload(collection: "docs", id: .number(1), payload: new)])
  }

  @Test func aNonObjectIsRefusedAndEscapeDiscards() {
    var (state, _) = press(ConsoleFixtures.collectionState(size: size, tab: .points), .character("E"))
    while state.payloadEditor?.editor.text.isEmpty == false {
      (state, _) = press(state, .delete)
      if state.payloadEditor?.editor.line == 0, state.payloadEditor?.editor.lines.count ?? 0 > 1 { continue }
      if state.payloadEditor?.editor.lines.first?.isEmpty == true, state.payloadEditor?.editor.lines.count == 1 {
        break
      }
    }
    state = type(state, "[1]")
    (state, _) = press(state, .control("s"))
    #expect(state.payloadEditor?.error == "a payload must be a JSON object ({…})")
    (state, _) = press(state, .escape)
    #expect(state.payloadEditor == nil)
    #expect(state.dialog == nil)
    #expect(state.page?.points.records[0].payload == ConsoleFixtures.points[0].payload)
  }

  @Test func readOnlyHasNoInlineEditor() {
    var state = ConsoleFixtures.state(size: size, readOnly: true)
    state = AppReducer.reduce(state, .key(.enter)).0
    state =
      AppReducer.reduce(
        state,
        .pointsLoaded(
          collection: "docs", page: ScrollPage(points: ConsoleFixtures.points, nextPageOffset: nil), append: false,
          total: 40)
      ).0
    #expect(press(state, .character("E")).0.payloadEditor == nil)
  }
}
