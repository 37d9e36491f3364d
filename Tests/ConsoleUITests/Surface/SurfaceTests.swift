import Testing

@testable import ConsoleUI

struct SurfaceTests {
  private func surface(width: Int, height: Int = 1) -> Surface {
    Surface(size: Size(width: width, height: height))
  }

  @Test func asciiWritesOneCellPerCharacterAndReturnsTheNextColumn() {
    var grid = surface(width: 10)
    let end = grid.write("hello", at: Point(x: 2, y: 0), style: Style(.text))
    #expect(end == 7)
    #expect(grid.lines == ["  hello"])
    #expect(grid[2, 0].grapheme == "h")
    #expect(grid[2, 0].style == Style(.text))
    #expect(grid[7, 0].style == .background)
  }

  @Test func cjkTakesTwoCellsWithAContinuation() {
    var grid = surface(width: 6)
    let end = grid.write("漢字", at: .zero, style: Style(.text))
    #expect(end == 4)
    #expect(grid[0, 0].grapheme == "漢" && grid[0, 0].width == 2)
    #expect(grid[1, 0].isContinuation)
    #expect(grid[2, 0].grapheme == "字" && grid[2, 0].width == 2)
    #expect(grid[3, 0].isContinuation)
    #expect(grid.lines == ["漢字"])
    grid.checkInvariants()
  }

  @Test func emojiAndZWJSequencesAreOneWideCell() {
    var grid = surface(width: 8)
    let end = grid.write("🚀👨‍👩‍👧x", at: .zero, style: Style(.text))
    #expect(end == 5)
    #expect(grid[0, 0].grapheme == "🚀")
    #expect(grid[2, 0].grapheme == "👨‍👩‍👧")
    #expect(grid[2, 0].width == 2)
    #expect(grid[4, 0].grapheme == "x")
  }

  @Test func combiningMarksStayWithTheirBase() {
    var grid = surface(width: 4)
    let end = grid.write("e\u{301}a", at: .zero, style: Style(.text))
    #expect(end == 2)
    #expect(grid[0, 0].grapheme == "e\u{301}")
    #expect(grid[0, 0].width == 1)
    #expect(grid[1, 0].grapheme == "a")
  }

  @Test func aWideCharacterAtTheRightEdgeBecomesASpace() {
    var grid = surface(width: 5)
    grid.write("abcd漢", at: .zero, style: Style(.text))
    #expect(grid.lines == ["abcd"])
    #expect(grid[4, 0].grapheme == " ")
    #expect(grid[4, 0].width == 1)
    #expect(grid[4, 0].style == Style(.text))
    grid.checkInvariants()
  }

  @Test func aWideCharacterCutByTheLeftClipEdgeBecomesASpace() {
    var grid = surface(width: 6)
    grid.write("zzzzzz", at: .zero, style: .background)
    grid.withClip(Rect(x: 1, y: 0, width: 5, height: 1)) { grid in
      grid.write("漢ab", at: .zero, style: Style(.text))
    }
    #expect(grid.lines == ["z abzz"])
    #expect(grid[0, 0].grapheme == "z")
    grid.checkInvariants()
  }

  @Test func aWideCharacterStraddlingMaxWidthBecomesASpace() {
    var grid = surface(width: 6)
    let end = grid.write("a漢b", at: .zero, style: Style(.text), maxWidth: 2)
    #expect(end == 2)
    #expect(grid[1, 0].grapheme == " ")
    #expect(grid[1, 0].style == Style(.text))
    #expect(grid[2, 0].style == .background)
  }

  @Test func overwritingEitherHalfOfAWideCharacterBlanksTheOtherHalf() {
    var grid = surface(width: 4)
    grid.write("漢", at: .zero, style: Style(.accent))
    grid.write("x", at: Point(x: 1, y: 0), style: Style(.text))
    #expect(grid[0, 0] == Cell.blank(Style(.accent)))
    #expect(grid[1, 0].grapheme == "x")

    grid.write("字", at: .zero, style: Style(.accent))
    grid.write("y", at: .zero, style: Style(.text))
    #expect(grid[0, 0].grapheme == "y")
    #expect(grid[1, 0] == Cell.blank(Style(.accent)))
    grid.checkInvariants()
  }

  @Test func aWideCharacterOverlappingAnotherDetachesBoth() {
    var grid = surface(width: 5)
    grid.write("漢字", at: .zero, style: Style(.text))
    grid.write("中", at: Point(x: 1, y: 0), style: Style(.accent))
    #expect(grid[0, 0].grapheme == " ")
    #expect(grid[1, 0].grapheme == "中")
    #expect(grid[3, 0].grapheme == " ")
    #expect(!grid[3, 0].isContinuation)
    grid.checkInvariants()
  }

  @Test func writesOutsideTheClipLeaveCellsAlone() {
    var grid = surface(width: 8, height: 3)
    grid.withClip(Rect(x: 2, y: 1, width: 3, height: 1)) { grid in
      grid.write("abcdefgh", at: Point(x: 0, y: 1), style: Style(.text))
      grid.write("above", at: Point(x: 2, y: 0), style: Style(.text))
      grid.fill(Rect(x: 0, y: 0, width: 8, height: 3), with: "#", style: Style(.muted))
    }
    #expect(grid.lines == ["", "  ###", ""])
    #expect(grid.clip == grid.bounds)
  }

  @Test func writesOffTheSurfaceDoNotCrashAndStillMeasure() {
    var grid = surface(width: 3, height: 2)
    #expect(grid.write("abc", at: Point(x: -5, y: 0), style: Style(.text)) == -2)
    #expect(grid.write("abc", at: Point(x: 0, y: 7), style: Style(.text)) == 3)
    #expect(grid.write("漢字", at: Point(x: -1, y: 1), style: Style(.text)) == 3)
    #expect(grid.lines == ["", " 字"])
    grid.checkInvariants()
  }

  @Test func fillOverHalfAWideCharacterBlanksTheOtherHalf() {
    var grid = surface(width: 4)
    grid.write("漢字", at: .zero, style: Style(.text))
    grid.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "-", style: Style(.border))
    #expect(grid.lines == [" --"])
    grid.checkInvariants()
  }

  @Test func controlCharactersTakeNoCell() {
    var grid = surface(width: 6)
    let end = grid.write("a\tb\nc", at: .zero, style: Style(.text))
    #expect(end == 3)
    #expect(grid.lines == ["abc"])
  }

  @Test func restyleKeepsGraphemesAndChangesStyles() {
    var grid = surface(width: 4)
    grid.write("ab", at: .zero, style: Style(.text))
    grid.restyle(Rect(x: 0, y: 0, width: 4, height: 1)) { _ in Style(.selection) }
    #expect(grid.lines == ["ab"])
    #expect(grid.styleLines { $0.role == .selection ? "#" : "." } == ["####"])
  }

  @Test func linesDropTrailingBlanksAndPrintWideCharactersOnce() {
    var grid = surface(width: 10, height: 2)
    grid.write("漢 x", at: Point(x: 1, y: 1), style: Style(.text))
    #expect(grid.lines == ["", " 漢 x"])
    #expect(grid.text == "\n 漢 x")
  }

  @Test func emptySurfacesAreSafe() {
    var grid = Surface(size: .zero)
    grid.write("abc", at: .zero, style: Style(.text))
    grid.fill(Rect(x: 0, y: 0, width: 5, height: 5), style: Style(.text))
    #expect(grid.lines.isEmpty)
    #expect(grid.cell(at: .zero) == nil)
  }
}
