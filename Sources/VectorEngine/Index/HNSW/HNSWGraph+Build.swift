extension HNSWGraph {
  /// Builds a graph over every row of `vectors`.
  ///
  /// Each row gets a random top level `l` with `P(l ≥ j) = m^−j` (hnswlib's
  /// `floor(−ln U / ln m)`), drawn in row order from `parameters.seed`; then rows are
  /// inserted as hnswlib does (see ``HNSWBuilder``), by `threads` workers.
  ///
  /// - Parameters:
  ///   - vectors: the rows to index; kept alive and unchanged by the caller during the build.
  ///   - metric: how distances are measured.
  ///   - parameters: `m` (2…``HNSWParameters/maximumM``) and `efConstruct`.
  ///   - threads: worker threads, the calling one included (≤ 0: one per processor). With
  ///     1 thread the graph depends only on the vectors and the parameters.
  ///   - progress: called from a worker thread with the number of rows inserted so far:
  ///     every `min(1 000, count / 100)` rows (at least every row) and once with the total.
  /// - Returns: the graph; its invariants hold whatever the thread interleaving.
  /// - Complexity: about O(count · log count · efConstruct · m) distance computations.
  static func build(
    vectors: HNSWVectors, metric: HNSWMetric, parameters: HNSWParameters,
    threads: Int = System.processorCount, progress: (@Sendable (Int) -> Void)? = nil
  ) -> HNSWGraph {
    let m = parameters.m
    precondition(m >= 2 && m <= HNSWParameters.maximumM, "HNSW m must be in 2...\(HNSWParameters.maximumM)")
    precondition(vectors.count < Int(Int32.max), "HNSW graphs hold fewer than 2³¹ − 1 rows")
    let levels = drawLevels(count: vectors.count, m: m, seed: parameters.seed)
    let storage = HNSWLinkStorage.allocate(levels: levels, m: m, m0: parameters.m0)
    let efConstruct = min(parameters.effectiveEfConstruct, Int(UInt32.max))
    let threads = threads > 0 ? threads : System.processorCount
    let start: (entryPoint: Int32, maxLevel: Int)
    switch metric {
    case .innerProduct:
      start = HNSWBuilder<HNSWInnerProduct>(
        storage: storage, vectors: vectors, efConstruct: efConstruct,
        progress: progress
      ).run(threads: threads)
    case .squaredL2:
      start = HNSWBuilder<HNSWSquaredL2>(
        storage: storage, vectors: vectors, efConstruct: efConstruct,
        progress: progress
      ).run(threads: threads)
    }
    let graph = HNSWGraph(
      metric: metric, m: m, m0: parameters.m0, efConstruct: efConstruct, storage: storage,
      entryPoint: start.entryPoint, maxLevel: start.maxLevel)
    graph.checkInvariants()
    return graph
  }

  /// Draws each row's top level: `l` with probability `m^−l · (1 − 1/m)`, capped at
  /// ``HNSWFormat/maximumLevel``. Seeded SplitMix64, so the draw depends only on the seed.
  ///
  /// - Complexity: O(count).
  static func drawLevels(count: Int, m: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    let scale = 1 / Double(m)
    var levels = [UInt8](repeating: 0, count: count)
    for row in 0..<count {
      state &+= 0x9E37_79B9_7F4A_7C15
      var mixed = state
      mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
      mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
      mixed ^= mixed >> 31
      // U in (0, 1]; the level is the largest l with U ≤ m^−l.
      let uniform = Double(mixed >> 11 + 1) * 0x1p-53
      var level = 0
      var threshold = scale
      while level < HNSWFormat.maximumLevel && uniform <= threshold {
        level += 1
        threshold *= scale
      }
      levels[row] = UInt8(level)
    }
    return levels
  }
}
