import Testing

@testable import ConsoleUI

/// The libc widths of glibc under C.UTF-8 for the scalars used here (see the notes on
/// `wcwidth` in the terminal layer): CJK and emoji 2, marks and selectors 0, controls -1.
private func glibcLikeWidth(_ scalar: UInt32) -> Int {
  switch scalar {
  case 0x0301, 0xFE0F, 0x200D, 0x1F3FD: return 0
  case 0x6F22, 0x1F680, 0x1F468, 0x1F469, 0x1F467, 0x1F44D: return 2
  case 0x2764, 0xE9, 0x2500: return 1
  case ..<0x20: return -1
  default: return 1
  }
}

struct TerminalGlyphTests {
  private func adapt(_ grapheme: Character, width: Int) -> TerminalGlyph {
    TerminalGlyph.adapt(grapheme, width: width, capacity: 5, libcWidth: glibcLikeWidth)
  }

  @Test func asciiAndWideCharactersPassThrough() {
    #expect(adapt("a", width: 1) == TerminalGlyph(scalars: [0x61], padding: 0))
    #expect(adapt("漢", width: 2) == TerminalGlyph(scalars: [0x6F22], padding: 0))
    #expect(adapt("🚀", width: 2) == TerminalGlyph(scalars: [0x1F680], padding: 0))
  }

  @Test func combiningMarksStayInTheCell() {
    #expect(adapt("e\u{301}", width: 1) == TerminalGlyph(scalars: [0x65, 0x301], padding: 0))
  }

  @Test func anEmojiLibcCountsNarrowIsSentPlainAndPadded() {
    // ❤️ is wide to the surface but narrow to glibc: send ❤ and a blank, so the row stays aligned.
    #expect(adapt("❤️", width: 2) == TerminalGlyph(scalars: [0x2764], padding: 1))
  }

  @Test func zwjSequencesKeepTheirFirstEmojiAndSkinTonesTheirModifier() {
    #expect(adapt("👨‍👩‍👧", width: 2) == TerminalGlyph(scalars: [0x1F468, 0x200D, 0x200D], padding: 0))
    #expect(adapt("👍🏽", width: 2) == TerminalGlyph(scalars: [0x1F44D, 0x1F3FD], padding: 0))
  }

  @Test func unprintableGraphemesBecomeAQuestionMark() {
    let narrowLocale: (UInt32) -> Int = { $0 < 0x80 ? 1 : -1 }
    #expect(
      TerminalGlyph.adapt("漢", width: 2, capacity: 5, libcWidth: narrowLocale)
        == TerminalGlyph(scalars: [0x3F], padding: 1))
    #expect(
      TerminalGlyph.adapt("╭", width: 1, capacity: 5, libcWidth: narrowLocale)
        == TerminalGlyph(scalars: [0x3F], padding: 0))
  }

  @Test func aGlyphLibcCountsWiderThanTheCellIsReplaced() {
    let wide: (UInt32) -> Int = { _ in 2 }
    #expect(
      TerminalGlyph.adapt("é", width: 1, capacity: 5, libcWidth: wide)
        == TerminalGlyph(scalars: [0x3F], padding: 0))
  }

  @Test func theCellCapacityIsRespected() {
    let marks = Character("a\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}")
    let glyph = TerminalGlyph.adapt(marks, width: 1, capacity: 5, libcWidth: glibcLikeWidth)
    #expect(glyph.scalars.count == 5)
  }
}
