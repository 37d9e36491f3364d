/// One thread's working memory for graph walks: the visited tags, the candidate and result
/// heaps, and small buffers for one node's links.
///
/// Visited marks are generation tags (hnswlib's `VisitedList`): a row is visited in the
/// current walk when its tag equals ``generation``; starting a walk bumps the generation, and
/// only when the 16-bit counter wraps are the tags cleared. Reused across walks through an
/// ``HNSWScratchPool``, so a search allocates nothing but its result array.
final class HNSWScratch {
  /// One tag per row.
  let tags: UnsafeMutablePointer<UInt16>
  /// The number of rows tagged.
  let rowCount: Int
  /// The current walk's tag.
  private(set) var generation: UInt16 = 0
  /// The candidate min-heap's buffer.
  private(set) var candidates: UnsafeMutablePointer<UInt64>
  /// Keys the candidate buffer holds.
  private(set) var candidateCapacity: Int
  /// The result max-heap's buffer (also the build's sorted candidate list).
  private(set) var results: UnsafeMutablePointer<UInt64>
  /// Keys the result buffer holds.
  private(set) var resultCapacity: Int
  /// A copy of one node's links (build: read under the node's lock).
  let links: UnsafeMutablePointer<UInt32>
  /// Unvisited neighbours gathered from one list.
  let gathered: UnsafeMutablePointer<UInt32>
  /// Keys of one node's links plus one, for shrinking an overflowing list.
  let shrink: UnsafeMutablePointer<UInt64>

  /// Working memory for a graph of `rowCount` rows whose lists hold at most `maxLinks` links.
  init(rowCount: Int, maxLinks: Int) {
    self.rowCount = rowCount
    tags = HNSWLinkStorage.allocateWords(UInt16.self, rowCount)
    candidateCapacity = 256
    candidates = HNSWLinkStorage.allocateWords(UInt64.self, candidateCapacity)
    resultCapacity = 256
    results = HNSWLinkStorage.allocateWords(UInt64.self, resultCapacity)
    links = HNSWLinkStorage.allocateWords(UInt32.self, maxLinks + 1)
    gathered = HNSWLinkStorage.allocateWords(UInt32.self, maxLinks + 1)
    shrink = HNSWLinkStorage.allocateWords(UInt64.self, maxLinks + 2)
  }

  deinit {
    UnsafeMutableRawPointer(tags).deallocate()
    UnsafeMutableRawPointer(candidates).deallocate()
    UnsafeMutableRawPointer(results).deallocate()
    UnsafeMutableRawPointer(links).deallocate()
    UnsafeMutableRawPointer(gathered).deallocate()
    UnsafeMutableRawPointer(shrink).deallocate()
  }

  /// Starts a walk: returns a tag no row carries yet.
  ///
  /// - Complexity: O(1), O(rowCount) once every 65,535 walks.
  @inline(__always)
  func nextGeneration() -> UInt16 {
    generation &+= 1
    if generation == 0 {
      tags.update(repeating: 0, count: max(rowCount, 1))
      generation = 1
    }
    return generation
  }

  /// Makes the result buffer hold at least `capacity` keys (its contents are discarded).
  ///
  /// - Complexity: O(capacity) when it grows.
  func reserveResults(_ capacity: Int) {
    guard capacity > resultCapacity else { return }
    UnsafeMutableRawPointer(results).deallocate()
    resultCapacity = max(capacity, resultCapacity * 2)
    results = HNSWLinkStorage.allocateWords(UInt64.self, resultCapacity)
  }

  /// Doubles the candidate buffer, keeping its first `count` keys; returns the new buffer.
  ///
  /// - Complexity: O(count).
  @inline(never)
  func growCandidates(keeping count: Int) -> UnsafeMutablePointer<UInt64> {
    let larger = HNSWLinkStorage.allocateWords(UInt64.self, candidateCapacity * 2)
    larger.update(from: candidates, count: count)
    UnsafeMutableRawPointer(candidates).deallocate()
    candidates = larger
    candidateCapacity *= 2
    return larger
  }
}

// Owned by one thread at a time: taken from an `HNSWScratchPool` (under its mutex) for one
// walk or one build worker and given back afterwards; never shared while in use.
extension HNSWScratch: @unchecked Sendable {}
