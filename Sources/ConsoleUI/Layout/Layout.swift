/// Splits rectangles into rows or columns: pure functions of a size, so every screen lays out
/// the same way in tests and on the terminal.
public enum Layout {
  /// Splits `rect` into rows of the given sizes, top to bottom.
  ///
  /// Fixed parts are served first, in order, as far as the height allows; fill parts share
  /// the rest by weight (the remainder of the division goes to the first fill parts). The
  /// rectangles never overlap, never leave `rect`, and may be empty when space runs out.
  ///
  /// - Complexity: O(number of parts).
  public static func vertical(_ sizes: [LayoutSize], in rect: Rect) -> [Rect] {
    split(sizes, length: rect.height).map { offset, length in
      Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: length)
    }
  }

  /// Splits `rect` into columns of the given sizes, left to right (see ``vertical(_:in:)``).
  ///
  /// - Complexity: O(number of parts).
  public static func horizontal(_ sizes: [LayoutSize], in rect: Rect) -> [Rect] {
    split(sizes, length: rect.width).map { offset, length in
      Rect(x: rect.x + offset, y: rect.y, width: length, height: rect.height)
    }
  }

  /// Offsets and lengths of the parts along one axis of `length` cells.
  static func split(_ sizes: [LayoutSize], length: Int) -> [(offset: Int, length: Int)] {
    var lengths = Array(repeating: 0, count: sizes.count)
    var remaining = max(0, length)
    for (index, size) in sizes.enumerated() {
      if case .fixed(let cells) = size {
        lengths[index] = min(max(0, cells), remaining)
        remaining -= lengths[index]
      }
    }
    let weights = sizes.map { size -> Int in
      if case .fill(let weight) = size { return max(0, weight) }
      return 0
    }
    let totalWeight = weights.reduce(0, +)
    if totalWeight > 0 {
      var extra = remaining
      for (index, weight) in weights.enumerated() where weight > 0 {
        lengths[index] = remaining * weight / totalWeight
        extra -= lengths[index]
      }
      for (index, weight) in weights.enumerated() where weight > 0 && extra > 0 {
        lengths[index] += 1
        extra -= 1
      }
    }
    var offset = 0
    return lengths.map { part in
      defer { offset += part }
      return (offset, part)
    }
  }
}

extension Layout: Sendable {}
