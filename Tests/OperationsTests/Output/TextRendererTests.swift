import Testing
import VectorEngine

@testable import Operations
import Model

struct TextRendererTests {
  private func render(_ blocks: ResultBlock...) -> String {
    TextRenderer.render(CommandResult(json: .null, blocks: blocks))
  }

  @Test func tableAlignsColumnsUnderUppercaseTitles() {
    let table = ResultTable(
      columns: [.left("name"), .right("points"), .left("status")],
      rows: [
        ["docs", "1200", "green"],
        ["images", "7", "yellow"],
      ])
    #expect(
      render(.table(table)) == """
        NAME    POINTS  STATUS
        docs      1200  green
        images       7  yellow

        """)
  }

  @Test func wideCharactersAndEmojiAlignByDisplayWidth() {
    let table = ResultTable(
      columns: [.right("id"), .left("title"), .right("score")],
      rows: [
        ["1", "東京タワー", "0.91"],
        ["2", "Paris", "0.87"],
        ["3", "👨‍👩‍👧 family", "0.5"],
        ["4", "café", "0.25"],
      ])
    #expect(
      render(.table(table)) == """
        ID  TITLE       SCORE
         1  東京タワー   0.91
         2  Paris        0.87
         3  👨‍👩‍👧 family     0.5
         4  café         0.25

        """)
  }

  @Test func noLineEndsInSpaces() {
    let table = ResultTable(
      columns: [.left("a"), .left("b")],
      rows: [["long value", ""], ["x", "y"], ["trailing  ", ""]])
    let output = render(.table(table), .fields([ResultField("empty", "")]), .text("text   \n"))
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      #expect(line.last != " ")
    }
    #expect(
      output == """
        A           B
        long value
        x           y
        trailing

        empty:

        text

        """)
  }

  @Test func emptyTableShowsItsHeaderAndNoRows() {
    let table = ResultTable(columns: [.left("name"), .right("points")], rows: [])
    #expect(
      render(.table(table)) == """
        NAME  POINTS
        (no rows)

        """)
    #expect(render(.table(ResultTable(columns: []))) == "(no rows)\n")
  }

  @Test func cellsAreMadeSingleLineAndSafe() {
    let table = ResultTable(
      columns: [.left("value"), .left("next")],
      rows: [["a\nb\tc\r\u{1B}[31m\u{7F}\u{2028}", "z"]])
    #expect(
      render(.table(table)) == #"""
        VALUE                          NEXT
        a\nb\tc\r\x1B[31m\x7F\u{2028}  z

        """#)
  }

  @Test func longCellsAreCutAtTheMaximumWidth() {
    let long = String(repeating: "x", count: 100)
    let wide = String(repeating: "語", count: 40)
    let table = ResultTable(columns: [.left("v")], rows: [[long], [wide]])
    let lines = render(.table(table)).split(separator: "\n").map(String.init)
    #expect(lines[1] == String(repeating: "x", count: 59) + "…")
    #expect(lines[2] == String(repeating: "語", count: 29) + "…")
    #expect(DisplayWidth.of(lines[1]) == TextRenderer.maximumCellWidth)
    #expect(DisplayWidth.of(lines[2]) == TextRenderer.maximumCellWidth - 1)
  }

  @Test func shortRowsShowEmptyCellsAndExtraCellsAreDropped() {
    let table = ResultTable(
      columns: [.left("a"), .right("b")], rows: [["1"], ["2", "3", "extra"]])
    #expect(
      render(.table(table)) == """
        A  B
        1
        2  3

        """)
  }

  @Test func fieldsAlignValuesAfterTheLongestName() {
    let fields: [ResultField] = [
      ResultField("name", "docs"),
      ResultField("dimension", "384"),
      ResultField("名前", "multi\nline"),
    ]
    #expect(
      render(.fields(fields)) == #"""
        name:      docs
        dimension: 384
        名前:      multi\nline

        """#)
  }

  @Test func blocksAreSeparatedByOneBlankLine() {
    let output = render(
      .text("Created collection docs.\n\n"),
      .fields([ResultField("points", "0")]),
      .text(""),
      .table(ResultTable(columns: [.left("k")], rows: [["v"]])))
    #expect(
      output == """
        Created collection docs.

        points: 0

        K
        v

        """)
  }

  @Test func textKeepsItsLinesAndTabsButEscapesOtherControls() {
    #expect(render(.text("usage:\r\n\tcmd \u{1B}x\n")) == "usage:\n\tcmd \\x1Bx\n")
  }

  @Test func resultWithoutBlocksRendersNothing() {
    #expect(TextRenderer.render(CommandResult(json: ["ok": true])) == "")
  }
}
