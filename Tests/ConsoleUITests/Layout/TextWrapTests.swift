import Operations
import Testing

@testable import ConsoleUI

struct TextWrapTests {
  @Test func breaksAtSpaces() {
    #expect(
      TextWrap.lines("delete the collection docs", width: 12) == [
        "delete the", "collection", "docs",
      ])
  }

  @Test func cutsWordsLongerThanTheWidthByColumns() {
    #expect(TextWrap.lines("abcdefgh", width: 3) == ["abc", "def", "gh"])
    #expect(TextWrap.lines("漢字漢字", width: 3) == ["漢", "字", "漢", "字"])
  }

  @Test func keepsNewlines() {
    #expect(TextWrap.lines("a\n\nb", width: 5) == ["a", "", "b"])
  }

  @Test(arguments: [1, 2, 5, 9, 30])
  func noLineIsWiderThanTheWidth(width: Int) {
    let text = "Delete collection 漢字コレクション and its 3 aliases? 🚀 This cannot be undone."
    for line in TextWrap.lines(text, width: width) {
      #expect(DisplayWidth.of(line) <= max(width, 2))
      if width >= 2 { #expect(DisplayWidth.of(line) <= width) }
    }
  }

  @Test func zeroWidthYieldsNoLines() {
    #expect(TextWrap.lines("abc", width: 0).isEmpty)
  }
}
