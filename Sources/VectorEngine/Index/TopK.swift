/// Keeps the `k` best-scored candidates seen so far (a bounded binary heap, worst on top).
struct TopK<Item> {
  private(set) var entries: [(score: Float, item: Item)] = []
  let capacity: Int
  /// Whether a higher score is better.
  let higherIsBetter: Bool

  init(capacity: Int, higherIsBetter: Bool) {
    self.capacity = capacity
    self.higherIsBetter = higherIsBetter
    entries.reserveCapacity(capacity)
  }

  @inline(__always)
  private func worse(_ a: Float, _ b: Float) -> Bool {
    higherIsBetter ? a < b : a > b
  }

  /// Whether `score` would enter the set.
  @inline(__always)
  func admits(_ score: Float) -> Bool {
    entries.count < capacity || worse(entries[0].score, score)
  }

  /// Offers a candidate.
  ///
  /// - Complexity: O(log k).
  mutating func insert(_ score: Float, _ item: Item) {
    guard capacity > 0 else { return }
    if entries.count < capacity {
      entries.append((score, item))
      var child = entries.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard worse(entries[child].score, entries[parent].score) else { break }
        entries.swapAt(child, parent)
        child = parent
      }
      return
    }
    guard worse(entries[0].score, score) else { return }
    entries[0] = (score, item)
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var worst = parent
      if left < entries.count && worse(entries[left].score, entries[worst].score) { worst = left }
      if right < entries.count && worse(entries[right].score, entries[worst].score) { worst = right }
      if worst == parent { break }
      entries.swapAt(parent, worst)
      parent = worst
    }
  }

  /// The candidates, best first; ties keep the order given by `tieBreak`.
  ///
  /// - Complexity: O(k log k).
  func sorted(tieBreak: (Item, Item) -> Bool) -> [(score: Float, item: Item)] {
    entries.sorted { a, b in
      if a.score != b.score { return higherIsBetter ? a.score > b.score : a.score < b.score }
      return tieBreak(a.item, b.item)
    }
  }
}
