import Testing
import VectorEngine

@testable import ConsoleUI
@testable import Model

struct JSONTreeViewTests {
  static let point: JSONValue = [
    "id": 42,
    "payload": ["tenant": "acme", "year": 2020, "score": 0.5, "draft": false, "note": nil],
    "tags": ["a", "漢字"],
    "empty": [:],
  ]

  @Test func prettyPrintsWithRoles() {
    let lines = JSONTreeView.lines(for: Self.point, folded: [])
    #expect(
      lines.map { String(repeating: "  ", count: $0.depth) + $0.text } == [
        "{",
        "  \"id\": 42,",
        "  \"payload\": {",
        "    \"tenant\": \"acme\",",
        "    \"year\": 2020,",
        "    \"score\": 0.5,",
        "    \"draft\": false,",
        "    \"note\": null",
        "  },",
        "  \"tags\": [",
        "    \"a\",",
        "    \"漢字\"",
        "  ],",
        "  \"empty\": {}",
        "}",
      ])
    #expect(
      lines[1].segments.map(\.role) == [.jsonKey, .jsonPunctuation, .jsonNumber, .jsonPunctuation])
    #expect(lines[3].segments[2].role == .jsonString)
    #expect(lines[6].segments[2].role == .jsonLiteral)
  }

  @Test func foldingHidesChildrenAndCountsThem() {
    let payload = JSONPath([.key("payload")])
    let lines = JSONTreeView.lines(for: Self.point, folded: [payload])
    #expect(lines.count == 9)
    #expect(lines[2].text == "\"payload\": { … }, 5 keys")
    #expect(lines[2].isFolded)
    #expect(lines[2].foldPath == payload)
  }

  @Test func toggleFoldFromTheClosingLineSelectsTheOpeningLine() {
    var state = JSONTreeState(selectedLine: 12)  // "]," closing tags
    state.toggleFold(in: Self.point)
    #expect(state.folded == [JSONPath([.key("tags")])])
    let lines = JSONTreeView.lines(for: Self.point, folded: state.folded)
    #expect(lines[state.selectedLine].text == "\"tags\": [ … ], 2 items")
    state.toggleFold(in: Self.point)
    #expect(state.folded.isEmpty)
    #expect(state.selectedLine == 9)
  }

  @Test func togglingALeafDoesNothing() {
    var state = JSONTreeState(selectedLine: 1)
    state.toggleFold(in: Self.point)
    #expect(state.folded.isEmpty && state.selectedLine == 1)
  }

  @Test func rendersTheSelectedLineAsABarAndScrolls() {
    let view = JSONTreeView(value: Self.point, state: JSONTreeState(selectedLine: 11))
    var surface = Surface(size: Size(width: 20, height: 4))
    view.render(into: &surface, area: surface.bounds)
    surface.checkInvariants()
    #expect(surface.lines[3] == "    \"漢字\"")
    #expect(
      surface.styleLines { $0.role == .selection ? "#" : "." }[3]
        == String(repeating: "#", count: 20))
  }

  @Test func pathsDescribeThemselves() {
    #expect(JSONPath.root.description == "$")
    #expect(
      JSONPath([.key("payload"), .key("a b"), .index(3)]).description == "$.payload[\"a b\"][3]")
  }
}
