/// How many terminal columns text occupies: a small `wcwidth` for tables, carets and the console.
///
/// Per Unicode scalar: combining and enclosing marks, format characters (such as the zero
/// width joiner), Hangul medial vowels and final consonants, and control characters take 0
/// columns; East Asian Wide and Fullwidth characters and emoji with emoji presentation take 2;
/// everything else takes 1.
///
/// Per Character (grapheme cluster), the widest scalar wins, so `e` plus a combining accent
/// is 1, and a ZWJ family, a skin-toned emoji or a flag (two regional indicators) is 2. A
/// text-style symbol followed by the emoji selector U+FE0F (`❤️`) is 2 as well.
public enum DisplayWidth {
  /// The columns a string occupies: the sum over its Characters.
  ///
  /// - Complexity: O(n) in the length of `text`; printable ASCII takes a fast path.
  public static func of(_ text: some StringProtocol) -> Int {
    var asciiOnly = true
    for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
      asciiOnly = false
      break
    }
    if asciiOnly { return text.utf8.count }
    var width = 0
    for character in text { width += of(character) }
    return width
  }

  /// The columns one Character occupies: 0, 1 or 2.
  ///
  /// - Complexity: O(n) in the number of scalars in the cluster.
  public static func of(_ character: Character) -> Int {
    var width = 0
    var hasEmojiSelector = false
    for scalar in character.unicodeScalars {
      if scalar.value == 0xFE0F { hasEmojiSelector = true }
      width = max(width, of(scalar))
    }
    if width == 1, hasEmojiSelector, let first = character.unicodeScalars.first,
      first.properties.isEmoji
    {
      width = 2
    }
    return width
  }

  /// The columns one Unicode scalar occupies on its own: 0, 1 or 2.
  ///
  /// - Complexity: O(log n) in the size of the wide-range table.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value >= 0x20 && value < 0x7F { return 1 }
    if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
    if value == 0xAD { return 1 }  // soft hyphen: shown as a hyphen by terminals
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// `text` cut to at most `maximum` columns, ending in `…` when something was removed.
  ///
  /// The ellipsis takes one column, so the kept prefix is at most `maximum - 1` wide; a wide
  /// Character that would straddle the limit is dropped rather than split.
  ///
  /// - Complexity: O(n) in the length of `text`.
  public static func truncated(_ text: String, toWidth maximum: Int) -> String {
    guard of(text) > maximum else { return text }
    guard maximum > 0 else { return "" }
    var result = ""
    var width = 0
    for character in text {
      let next = of(character)
      if width + next > maximum - 1 { break }
      result.append(character)
      width += next
    }
    return result + "…"
  }

  /// Whether `value` is East Asian Wide or Fullwidth (emoji are handled separately).
  private static func isWide(_ value: UInt32) -> Bool {
    guard value >= 0x1100 else { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = wideRanges[middle]
      if value < range.lowerBound {
        high = middle - 1
      } else if value > range.upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }

  /// East Asian Wide (W) and Fullwidth (F) blocks, sorted, from Unicode's EastAsianWidth data.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initial consonants
    0x2329...0x232A,  // angle brackets
    0x2E80...0x2FDF,  // CJK radicals, Kangxi radicals
    0x2FF0...0x303E,  // ideographic description, CJK symbols and punctuation
    0x3041...0x3247,  // kana, bopomofo, Hangul compatibility jamo, kanbun, enclosed CJK
    0x3250...0x33FF,  // enclosed CJK letters, CJK compatibility (3248–324F are ambiguous)
    0x3400...0x4DBF,  // CJK extension A
    0x4E00...0x9FFF,  // CJK unified ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,  // Hangul Jamo extended A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // fullwidth forms
    0xFFE0...0xFFE6,  // fullwidth signs
    0x16FE0...0x16FFF,  // ideographic symbols
    0x17000...0x18CFF,  // Tangut, Khitan
    0x18D00...0x18D8F,  // Tangut supplement
    0x1AFF0...0x1B2FF,  // kana extended and supplement, Nushu
    0x1F200...0x1F2FF,  // enclosed ideographic supplement
    0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
    0x30000...0x3FFFD,  // CJK extensions G–H
  ]
}

extension DisplayWidth: Sendable {}
