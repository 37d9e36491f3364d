import Testing
import VectorEngine

@testable import ConsoleUI

/// The payload column picker of the Points tab: keys seen, ticking, applying, and the choice
/// kept per collection for the session.
struct ColumnPickerTests {
  let size = Size(width: 100, height: 30)

  private func press(_ state: AppState, _ keys: Key...) -> AppState {
    var state = state
    for key in keys { state = AppReducer.reduce(state, .key(key)).0 }
    return state
  }

  @Test func thePickerListsThePayloadKeysSeenWithTheShownOnesTicked() {
    let state = press(ConsoleFixtures.collectionState(size: size, tab: .points), .character("C"))
    let picker = state.columnPicker
    #expect(state.keyContext == .picker)
    #expect(picker?.keys == ["tenant", "year", "lang", "tags", "text"])
    #expect(picker?.chosen == ["tenant", "lang", "year", "tags", "text"])
  }

  @Test func tickingChoosesTheColumnsAndTheChoiceOutlivesThePage() {
    var state = ConsoleFixtures.collectionState(size: size, tab: .points)
    state.payloadColumns["docs"] = []
    // Tick year, then tenant: the columns follow the order of ticking.
    state = press(state, .character("C"), .down, .character(" "), .up, .character(" "))
    #expect(state.columnPicker?.chosen == ["year", "tenant"])
    state = press(state, .enter)
    #expect(state.columnPicker == nil)
    #expect(state.payloadColumns(of: "docs") == ["year", "tenant"])
    let header = PointsTab.table(state.page?.points ?? PointsModel(), columns: state.payloadColumns(of: "docs")).columns
      .map(\.title)
    #expect(header == ["ID", "YEAR", "TENANT"])

    // Leaving the collection and opening it again keeps the columns.
    state = press(state, .escape, .enter)
    #expect(state.route == .collection("docs"))
    #expect(state.payloadColumns(of: "docs") == ["year", "tenant"])
    #expect(state.payloadColumns(of: "support-tickets") == [])
  }

  @Test func escapeLeavesTheColumnsAsTheyWere() {
    var state = ConsoleFixtures.collectionState(size: size, tab: .points)
    let before = state.payloadColumns(of: "docs")
    state = press(state, .character("C"), .character(" "), .escape)
    #expect(state.columnPicker == nil)
    #expect(state.payloadColumns["docs"] == nil)
    #expect(state.payloadColumns(of: "docs") == before)
  }

  @Test func thePickerAndItsChoiceMatchTheGoldenFiles() {
    var state = ConsoleFixtures.collectionState(size: Size(width: 80, height: 24), tab: .points)
    state = press(state, .character("C"), .character(" "), .down, .down, .character(" "))
    Golden.check(
      Golden.document(ScreenRenderer.render(state, size: state.size, theme: .builtIn)), named: "column-picker-80x24")
    state = press(state, .enter)
    Golden.check(
      Golden.document(ScreenRenderer.render(state, size: state.size, theme: .builtIn)),
      named: "points-chosen-columns-80x24")
  }
}
