import Operations

/// Breaks text into lines that fit a width in terminal columns.
public enum TextWrap {
  /// `text` broken into lines at most `width` columns wide.
  ///
  /// Newlines in `text` start new lines; lines break at spaces where they can, and a word
  /// wider than `width` is cut by columns (a wide character is never split). Runs of spaces
  /// at a break are dropped. A `width` below 1 yields no lines.
  ///
  /// - Complexity: O(n) in the length of `text`.
  public static func lines(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var result: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var lineWidth = 0
      for word in paragraph.split(separator: " ") {
        var word = Substring(word)
        var wordWidth = DisplayWidth.of(word)
        if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
          line += " " + word
          lineWidth += 1 + wordWidth
          continue
        }
        if lineWidth > 0 {
          result.append(line)
          line = ""
          lineWidth = 0
        }
        while wordWidth > width {
          let (head, rest) = cut(word, width: width)
          result.append(String(head))
          word = rest
          wordWidth = DisplayWidth.of(word)
        }
        line = String(word)
        lineWidth = wordWidth
      }
      result.append(line)
    }
    return result
  }

  /// The longest prefix of `word` at most `width` columns wide (at least one character), and
  /// the rest.
  private static func cut(_ word: Substring, width: Int) -> (Substring, Substring) {
    var used = 0
    var index = word.startIndex
    while index < word.endIndex {
      let next = DisplayWidth.of(word[index])
      if used + next > width && index > word.startIndex { break }
      used += next
      index = word.index(after: index)
    }
    return (word[..<index], word[index...])
  }
}

extension TextWrap: Sendable {}
