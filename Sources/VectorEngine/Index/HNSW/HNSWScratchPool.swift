import Synchronization

/// Reusable ``HNSWScratch`` buffers of one graph, shared by concurrent searches.
///
/// A walk takes a scratch (creating one when all are in use) and gives it back, so
/// concurrent searches never share visited tags and a steady stream of queries allocates none.
final class HNSWScratchPool: Sendable {
  private let free = Mutex<[HNSWScratch]>([])
  /// Rows of the graph.
  let rowCount: Int
  /// The longest link list.
  let maxLinks: Int

  /// A pool for a graph of `rowCount` rows whose lists hold at most `maxLinks` links.
  init(rowCount: Int, maxLinks: Int) {
    self.rowCount = rowCount
    self.maxLinks = maxLinks
  }

  /// A scratch for the caller's exclusive use until ``give(_:)``.
  func take() -> HNSWScratch {
    if let scratch = free.withLock({ $0.popLast() }) { return scratch }
    return HNSWScratch(rowCount: rowCount, maxLinks: maxLinks)
  }

  /// Returns a scratch taken with ``take()``.
  func give(_ scratch: HNSWScratch) {
    free.withLock { $0.append(scratch) }
  }
}
