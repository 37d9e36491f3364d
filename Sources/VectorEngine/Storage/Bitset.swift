/// A fixed-size set of row numbers, one bit each.
struct Bitset: Hashable, Sendable {
  private(set) var words: [UInt64]
  /// The number of rows the set covers.
  let count: Int

  init(count: Int) {
    self.count = count
    words = [UInt64](repeating: 0, count: (count + 63) / 64)
  }

  init(count: Int, words: [UInt64]) {
    self.count = count
    self.words = words
  }

  subscript(index: Int) -> Bool {
    get { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
    set {
      if newValue {
        words[index >> 6] |= 1 << UInt64(index & 63)
      } else {
        words[index >> 6] &= ~(1 << UInt64(index & 63))
      }
    }
  }

  mutating func setLastWord(_ word: UInt64) {
    words[words.count - 1] = word
  }

  /// The number of set bits.
  ///
  /// - Complexity: O(count / 64).
  var population: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
