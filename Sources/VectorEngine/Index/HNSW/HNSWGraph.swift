/// A hierarchical navigable small-world graph over the rows of a vector set (Malkov &
/// Yashunin, with the neighbour-selection heuristic; the algorithm of hnswlib).
///
/// The graph holds only links: the vectors stay where the caller keeps them (a sealed
/// segment's mapping) and are passed to every call as ``HNSWVectors``. Nodes are rows,
/// `0..<count`; link lists live in flat fixed-size slots (``HNSWLinkStorage``).
///
/// - ``build(vectors:metric:parameters:threads:progress:)`` inserts every row, in parallel.
/// - ``search(_:k:ef:vectors:accept:)`` walks the graph (any number of threads at once).
/// - ``encoded`` and ``init(decoding:rowCount:path:)`` write and validate the graph file
///   (``HNSWFormat``).
///
/// Invariants (``invariantViolation()``; checked after every decode, and by
/// ``checkInvariants()`` in debug builds): link counts within `m0` (level 0) or `m`
/// (above), links in range, no self or duplicate links, every neighbour present on the list's
/// level, levels at most ``maxLevel``, and the entry point a node of level ``maxLevel``.
/// Links are not symmetric: the heuristic may drop the reverse link when a list overflows.
final class HNSWGraph {
  /// How distances are measured.
  let metric: HNSWMetric
  /// Links per upper-level list.
  let m: Int
  /// Links per level-0 list (`2m` when built here).
  let m0: Int
  /// The candidate list size used while building.
  let efConstruct: Int
  /// The number of nodes (rows).
  let count: Int
  /// Where every walk starts (−1 when the graph is empty).
  let entryPoint: Int32
  /// The entry point's level, the highest in the graph (0 when empty).
  let maxLevel: Int
  /// The link lists; owned, freed in `deinit`.
  let storage: HNSWLinkStorage
  /// Visited sets and heaps reused by searches.
  let scratchPool: HNSWScratchPool

  /// Adopts `storage` (freed with the graph).
  init(
    metric: HNSWMetric, m: Int, m0: Int, efConstruct: Int, storage: HNSWLinkStorage,
    entryPoint: Int32, maxLevel: Int
  ) {
    self.metric = metric
    self.m = m
    self.m0 = m0
    self.efConstruct = efConstruct
    count = storage.count
    self.entryPoint = entryPoint
    self.maxLevel = maxLevel
    self.storage = storage
    scratchPool = HNSWScratchPool(rowCount: storage.count, maxLinks: max(m0, m))
  }

  deinit {
    storage.deallocate()
  }

  /// A summary of the graph's shape: `layers` (levels in use), the entry point (−1 when
  /// empty), the mean and largest level-0 link count, and `nodesPerLevel[l]`, the number of
  /// nodes present on level `l` (those whose top level is at least `l`).
  ///
  /// - Complexity: O(count).
  var statistics:
    (
      layers: Int, entryPoint: Int32, averageDegreeLevel0: Double, maximumDegreeLevel0: Int,
      nodesPerLevel: [Int]
    )
  {
    guard count > 0 else { return (0, -1, 0, 0, []) }
    var total = 0
    var largest = 0
    var perLevel = [Int](repeating: 0, count: maxLevel + 1)
    for node in 0..<count {
      let degree = Int(storage.level0[node * storage.level0Words])
      total += degree
      largest = max(largest, degree)
      for level in 0...Int(storage.levels[node]) { perLevel[level] += 1 }
    }
    return (maxLevel + 1, entryPoint, Double(total) / Double(count), largest, perLevel)
  }

  /// The level of `row` (its top level).
  func level(of row: Int) -> Int { Int(storage.levels[row]) }

  /// The links of `row` on `level` (at most the row's level), in stored order.
  ///
  /// - Complexity: O(m0).
  func neighbours(of row: Int, level: Int) -> [Int32] {
    precondition(row >= 0 && row < count && level >= 0 && level <= Int(storage.levels[row]))
    let list = storage.list(row, level: level)
    return (0..<Int(list[0])).map { Int32(bitPattern: list[1 + $0]) }
  }

  /// The first violated invariant (see the type's documentation), or `nil`.
  ///
  /// - Complexity: O(count · m0).
  func invariantViolation() -> String? {
    storage.structuralProblem(entryPoint: entryPoint, maxLevel: maxLevel)
  }

  /// Stops the process if an invariant does not hold; compiled in debug builds only.
  ///
  /// - Complexity: O(count · m0) in debug builds, O(1) otherwise.
  func checkInvariants() {
    #if DEBUG
    if let problem = invariantViolation() { preconditionFailure("HNSW graph invariant violated: \(problem)") }
    #endif
  }
}

// Immutable after construction: every stored property is a `let`, the link buffers are
// never written once `build` or `init(decoding:)` returns, and the scratch pool is guarded
// by its mutex. Searches from any number of threads are safe.
extension HNSWGraph: @unchecked Sendable {}
