import CEngineSupport

extension HNSWGraph {
  /// The `k` rows nearest to `query` among those `accept` admits, nearest first.
  ///
  /// hnswlib's `searchKnn`: a greedy descent from the entry point through the upper levels,
  /// then a best-first walk of level 0 keeping the `max(ef, k)` nearest admitted rows.
  /// Rejected rows (deleted, or filtered out) are still walked through, so they keep the
  /// graph connected, but never returned; the walk stops when the nearest unexpanded
  /// candidate is farther than the worst of `max(ef, k)` admitted results. With a very
  /// selective filter the walk may visit most of the graph: the query planner routes such
  /// filters to an exact scan instead.
  ///
  /// Safe to call from many threads at once. Once the scratch pool is warm (one scratch per
  /// concurrent caller), a search allocates only the returned array.
  ///
  /// - Parameters:
  ///   - query: `vectors.dimension` floats (normalized for cosine).
  ///   - k: the number of results wanted; fewer come back when fewer rows are admitted.
  ///   - ef: the candidate list size; larger is slower and more accurate.
  ///   - vectors: the rows this graph was built over (same count, same order).
  ///   - accept: whether a row may be returned; `nil` admits every row.
  /// - Returns: up to `k` rows with their distances (``HNSWMetric``), ascending; ties by row.
  /// - Complexity: about O(max(ef, k) · m0 · log count) distance computations.
  func search(
    _ query: UnsafePointer<Float>, k: Int, ef: Int, vectors: HNSWVectors,
    accept: ((Int32) -> Bool)?
  ) -> [(row: Int32, distance: Float)] {
    guard count > 0, k > 0 else { return [] }
    precondition(vectors.count == count, "HNSW search over \(vectors.count) vectors, graph has \(count) rows")
    // More than `count` results cannot exist; clamping also keeps a huge `ef` from
    // overflowing or allocating.
    let width = min(max(ef, k), count)
    let scratch = scratchPool.take()
    defer { scratchPool.give(scratch) }
    scratch.reserveResults(width + 1)
    let found: Int
    switch (metric, accept) {
    case (.innerProduct, nil):
      found = Self.walk(
        HNSWInnerProduct.self, query, width, storage, entryPoint, maxLevel, vectors, scratch,
        filtered: false, accept: { _ in true })
    case (.innerProduct, let accept?):
      found = Self.walk(
        HNSWInnerProduct.self, query, width, storage, entryPoint, maxLevel, vectors, scratch,
        filtered: true, accept: accept)
    case (.squaredL2, nil):
      found = Self.walk(
        HNSWSquaredL2.self, query, width, storage, entryPoint, maxLevel, vectors, scratch,
        filtered: false, accept: { _ in true })
    case (.squaredL2, let accept?):
      found = Self.walk(
        HNSWSquaredL2.self, query, width, storage, entryPoint, maxLevel, vectors, scratch,
        filtered: true, accept: accept)
    }
    let results = scratch.results
    HNSWHeap.sortMaxHeapAscending(results, found)
    let returned = min(k, found)
    var hits: [(row: Int32, distance: Float)] = []
    hits.reserveCapacity(returned)
    for index in 0..<returned {
      let key = results[index]
      hits.append((Int32(bitPattern: HNSWHeap.row(key)), HNSWHeap.distance(key)))
    }
    return hits
  }

  /// The walk behind ``search(_:k:ef:vectors:accept:)``: leaves up to `width` admitted rows
  /// as a max-heap of keys in `scratch.results` and returns how many.
  ///
  /// Specialized per metric and per `filtered` (constant at each call site), so the
  /// unfiltered walk has no filter test. Everything the loops touch is a local raw pointer.
  ///
  /// - Complexity: see ``search(_:k:ef:vectors:accept:)``.
  @inline(__always)
  static func walk<D: HNSWDistance>(
    _: D.Type, _ query: UnsafePointer<Float>, _ width: Int, _ storage: HNSWLinkStorage, _ entryPoint: Int32,
    _ maxLevel: Int, _ vectors: HNSWVectors, _ scratch: HNSWScratch, filtered: Bool, accept: (Int32) -> Bool
  ) -> Int {
    let base = vectors.base
    let stride = vectors.stride
    let dimension = vectors.dimension
    let vectorBytes = dimension &* 4

    // Greedy descent through the upper levels.
    var current = UInt32(bitPattern: entryPoint)
    var currentDistance = D.distance(
      query, (base + Int(current) &* stride).assumingMemoryBound(to: Float.self), dimension)
    var level = maxLevel
    while level > 0 {
      var changed = true
      while changed {
        changed = false
        let list = storage.list(Int(current), level: level)
        let linkCount = Int(list[0])
        var index = 1
        while index <= linkCount {
          let candidate = list[index]
          if index < linkCount { ragops_prefetch(base + Int(list[index &+ 1]) &* stride) }
          let distance = D.distance(
            query, (base + Int(candidate) &* stride).assumingMemoryBound(to: Float.self), dimension)
          if distance < currentDistance {
            currentDistance = distance
            current = candidate
            changed = true
          }
          index &+= 1
        }
      }
      level &-= 1
    }

    // Best-first walk of level 0.
    let tags = scratch.tags
    let tag = scratch.nextGeneration()
    var candidates = scratch.candidates
    var candidateCapacity = scratch.candidateCapacity
    let results = scratch.results
    let gathered = scratch.gathered
    let level0 = storage.level0
    let level0Words = storage.level0Words
    var candidateCount = 0
    var resultCount = 0

    tags[Int(current)] = tag
    let entryKey = HNSWHeap.key(currentDistance, current)
    HNSWHeap.pushMin(candidates, &candidateCount, entryKey)
    if !filtered || accept(Int32(bitPattern: current)) {
      HNSWHeap.pushMax(results, &resultCount, entryKey)
    }
    var worst = resultCount > 0 ? results[0] : UInt64.max

    while candidateCount > 0 {
      let nearest = candidates[0]
      if nearest > worst && (!filtered || resultCount == width) { break }
      HNSWHeap.popMin(candidates, &candidateCount)
      let list = level0 + Int(HNSWHeap.row(nearest)) &* level0Words
      let linkCount = Int(list[0])
      // Mark the unvisited neighbours and start loading their vectors before computing any
      // distance, so the memory latencies overlap.
      var gatheredCount = 0
      var index = 1
      while index <= linkCount {
        let neighbour = list[index]
        if tags[Int(neighbour)] != tag {
          tags[Int(neighbour)] = tag
          gathered[gatheredCount] = neighbour
          gatheredCount &+= 1
          ragops_prefetch(base + Int(neighbour) &* stride)
        }
        index &+= 1
      }
      var next = 0
      while next < gatheredCount {
        let neighbour = gathered[next]
        next &+= 1
        if next < gatheredCount {
          ragops_prefetch_range(base + Int(gathered[next]) &* stride, vectorBytes)
        }
        let distance = D.distance(
          query, (base + Int(neighbour) &* stride).assumingMemoryBound(to: Float.self), dimension)
        let key = HNSWHeap.key(distance, neighbour)
        guard resultCount < width || key < worst else { continue }
        if candidateCount == candidateCapacity {
          candidates = scratch.growCandidates(keeping: candidateCount)
          candidateCapacity = scratch.candidateCapacity
        }
        HNSWHeap.pushMin(candidates, &candidateCount, key)
        if !filtered || accept(Int32(bitPattern: neighbour)) {
          if resultCount < width {
            HNSWHeap.pushMax(results, &resultCount, key)
          } else {
            HNSWHeap.replaceMax(results, resultCount, key)
          }
          worst = results[0]
        }
      }
    }
    return resultCount
  }
}
