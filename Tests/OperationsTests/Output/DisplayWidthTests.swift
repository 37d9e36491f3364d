import Testing

@testable import Operations

struct DisplayWidthTests {
  @Test(arguments: [
    ("a", 1),
    ("~", 1),
    ("é", 1),  // precomposed
    ("e\u{301}", 1),  // e + combining acute
    ("中", 2),
    ("한", 2),
    ("\u{1100}\u{1161}\u{11A8}", 2),  // conjoining Hangul jamo: one syllable
    ("ｱ", 1),  // halfwidth katakana
    ("Ａ", 2),  // fullwidth Latin
    ("　", 2),  // ideographic space
    ("😀", 2),
    ("👍🏽", 2),  // emoji + skin tone modifier
    ("👨‍👩‍👧", 2),  // ZWJ family sequence
    ("🇯🇵", 2),  // flag: two regional indicators
    ("❤️", 2),  // text symbol + emoji presentation selector
    ("❤", 1),  // the same symbol in text presentation
    ("\u{200B}", 0),  // zero width space
    ("\u{301}", 0),  // lone combining mark
    ("…", 1),
  ])
  func characterWidths(text: String, width: Int) {
    #expect(text.count == 1)
    #expect(DisplayWidth.of(Character(text)) == width)
  }

  @Test(arguments: [
    ("", 0),
    ("plain ascii", 11),
    ("日本語abc", 9),
    ("naïve", 5),
    ("👨‍👩‍👧 family", 9),
    ("tab\there", 7),  // control characters take no columns
  ])
  func stringWidths(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func substringsMeasureLikeStrings() {
    let text = "x日本"
    #expect(DisplayWidth.of(text.dropFirst()) == 4)
  }

  @Test(arguments: [
    ("short", 10, "short"),
    ("exactly ten", 11, "exactly ten"),
    ("abcdefghij", 5, "abcd…"),
    ("日本語テキスト", 7, "日本語…"),
    ("日本語テキスト", 8, "日本語…"),
    ("ab", 0, ""),
  ])
  func truncationKeepsWithinTheLimit(text: String, limit: Int, expected: String) {
    let result = DisplayWidth.truncated(text, toWidth: limit)
    #expect(result == expected)
    #expect(DisplayWidth.of(result) <= limit)
  }
}
