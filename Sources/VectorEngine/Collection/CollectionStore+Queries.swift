import Model

extension CollectionStore {
  /// Visits every live point matching `filter`, segment by segment (oldest first), appendable
  /// last. `visit` returns `false` to stop.
  ///
  /// Sealed segments use their payload indexes to skip rows; payloads are parsed only for
  /// rows the indexes cannot decide. The filter is compiled once (``CompiledFilter``).
  ///
  /// - Complexity: O(n) rows in the worst case.
  /// - Throws: ``StoreError`` `invalidInput` for a filter over the query caps.
  func forEachMatch(
    _ filter: Filter?, _ visit: (Location, PointID) throws(StoreError) -> Bool
  ) throws(StoreError) {
    let filter = filter.flatMap { $0.isEmpty ? nil : $0 }
    let compiled = try filter.map { (filter) throws(StoreError) in try CompiledFilter.compile(filter) }
    for (index, segment) in sealed.enumerated() {
      let matcher = filter.map { SegmentFilter(filter: $0, segment: segment, indexes: segment.payloadIndexes) }
      for row in 0..<segment.count where !segment.isDeleted(row) {
        guard try sealedRowMatches(row, segment: segment, filter: compiled, matcher: matcher) else { continue }
        if try !visit(.sealed(segment: index, row: row), segment.id(at: row)) { return }
      }
    }
    for row in 0..<appendable.rowCount where appendable.live[row] {
      let id = appendable.ids[row]
      if let compiled, !compiled.matches(id: id, payload: appendable.payloads[row]) { continue }
      if try !visit(.appendable(row: row), id) { return }
    }
  }

  @inline(__always)
  func sealedRowMatches(_ row: Int, segment: SealedSegment, filter: CompiledFilter?, matcher: SegmentFilter?)
    throws(StoreError) -> Bool
  {
    guard let filter, let matcher else { return true }
    if let candidates = matcher.candidates {
      guard candidates[row] else { return false }
      if matcher.isExact { return true }
    }
    return filter.matches(id: segment.id(at: row), payload: try segment.payload(at: row))
  }

  /// The number of live points matching `filter`.
  ///
  /// - Complexity: O(1) without a filter; O(n) with one.
  func count(_ filter: Filter?) throws(StoreError) -> Int {
    guard let filter, !filter.isEmpty else {
      return sealed.reduce(appendable.liveCount) { $0 + $1.liveCount }
    }
    var total = 0
    try forEachMatch(filter) { (_, _) throws(StoreError) in
      total += 1
      return true
    }
    return total
  }

  /// The ids of the live points matching `filter`, in storage order.
  func matchingIDs(_ filter: Filter) throws(StoreError) -> [PointID] {
    var ids: [PointID] = []
    try forEachMatch(filter) { (_, id) throws(StoreError) in
      ids.append(id)
      return true
    }
    return ids
  }

  /// A record for a live point.
  func record(at location: Location, id: PointID, withPayload: Bool, withVector: Bool) throws(StoreError) -> PointRecord
  {
    PointRecord(
      id: id, payload: withPayload ? try payload(at: location) : nil,
      vector: withVector ? vector(at: location) : nil)
  }

  /// Points in ascending id order from `offset` (inclusive), matching `filter`.
  ///
  /// - Complexity: O((s + 1) · (rows visited)) where s is the number of sealed segments.
  func scroll(filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool)
    throws(StoreError) -> ScrollPage
  {
    let filter = filter.flatMap { $0.isEmpty ? nil : $0 }
    let compiled = try filter.map { (filter) throws(StoreError) in try CompiledFilter.compile(filter) }
    // One cursor per segment, each walking its rows in id order.
    var cursors: [Int] = sealed.map { segment in offset.map { segment.lowerBound($0) } ?? 0 }
    let matchers = sealed.enumerated().map { index, segment in
      filter.map { SegmentFilter(filter: $0, segment: segment, indexes: segment.payloadIndexes) }
    }
    let appendableRows = appendable.sortedLiveRows()
    var appendableCursor = 0
    if let offset {
      var low = 0
      var high = appendableRows.count
      while low < high {
        let middle = (low + high) / 2
        if appendable.ids[appendableRows[middle]] < offset { low = middle + 1 } else { high = middle }
      }
      appendableCursor = low
    }
    var points: [PointRecord] = []
    var next: PointID?
    while true {
      // Pick the smallest id under any cursor.
      var best: (id: PointID, location: Location)?
      for (index, segment) in sealed.enumerated() {
        while cursors[index] < segment.count && segment.isDeleted(cursors[index]) { cursors[index] += 1 }
        guard cursors[index] < segment.count else { continue }
        let id = segment.id(at: cursors[index])
        if best.map({ id < $0.id }) ?? true { best = (id, .sealed(segment: index, row: cursors[index])) }
      }
      if appendableCursor < appendableRows.count {
        let row = appendableRows[appendableCursor]
        let id = appendable.ids[row]
        if best.map({ id < $0.id }) ?? true { best = (id, .appendable(row: row)) }
      }
      guard let (id, location) = best else { break }
      switch location {
      case .sealed(let index, _): cursors[index] += 1
      case .appendable: appendableCursor += 1
      }
      let matches: Bool
      switch location {
      case .sealed(let index, let row):
        matches = try sealedRowMatches(row, segment: sealed[index], filter: compiled, matcher: matchers[index])
      case .appendable(let row):
        matches = compiled.map { $0.matches(id: id, payload: appendable.payloads[row]) } ?? true
      }
      guard matches else { continue }
      if points.count == limit {
        next = id
        break
      }
      points.append(try record(at: location, id: id, withPayload: withPayload, withVector: withVector))
    }
    return ScrollPage(points: points, nextPageOffset: next)
  }

  /// The `limit` points nearest to `query` among those matching `filter`.
  ///
  /// Per sealed segment the planner picks (Qdrant's approach): a scan when `exact` is set, the
  /// segment has no graph, or the filter is estimated to match few points (payload indexes give
  /// the candidates; otherwise a sample of payloads estimates the fraction); else an HNSW walk
  /// that skips deleted and non-matching points. Unsealed points are always scanned.
  /// `query` must already be prepared (normalized for cosine).
  ///
  /// - Complexity: O(n · d) for scans; roughly O(ef · m · log n · d) per graph walk.
  func search(
    _ query: [Float], filter: Filter?, limit: Int, ef: Int, exact: Bool, excluding excluded: PointID?,
    withPayload: Bool, withVector: Bool
  ) throws(StoreError) -> [ScoredPoint] {
    let distance = config.distance
    let dimension = config.dimension
    let filter = filter.flatMap { $0.isEmpty ? nil : $0 }
    let compiled = try filter.map { (filter) throws(StoreError) in try CompiledFilter.compile(filter) }
    var top = TopK<Location>(capacity: limit, higherIsBetter: distance.higherIsCloser)
    guard limit > 0 else { return [] }
    try query.withUnsafeBufferPointer { (queryBuffer) throws(StoreError) in
      guard let queryBase = queryBuffer.baseAddress else { return }
      func score(_ vector: UnsafePointer<Float>) -> Float {
        switch distance {
        case .cosine, .dot: DistanceKernels.dot(queryBase, vector, dimension)
        case .euclid: DistanceKernels.squaredL2(queryBase, vector, dimension)
        }
      }
      for (index, segment) in sealed.enumerated() {
        let matcher = filter.map { SegmentFilter(filter: $0, segment: segment, indexes: segment.payloadIndexes) }
        let plan = try plan(segment: segment, filter: compiled, matcher: matcher, exact: exact, ef: ef)
        switch plan {
        case .graph(let graph):
          let accept: (Int32) -> Bool = { row in
            let row = Int(row)
            if segment.isDeleted(row) { return false }
            if let excluded, segment.id(at: row) == excluded { return false }
            return (try? self.sealedRowMatches(row, segment: segment, filter: compiled, matcher: matcher)) ?? false
          }
          let needsCheck = filter != nil || excluded != nil || segment.deletedCount > 0
          let hits = graph.search(
            queryBase, k: limit, ef: max(ef, limit), vectors: segment.vectors, accept: needsCheck ? accept : nil)
          for hit in hits {
            let value = distance == .euclid ? hit.distance : -hit.distance
            top.insert(value, .sealed(segment: index, row: Int(hit.row)))
          }
        case .scan(let candidates):
          for row in 0..<segment.count where !segment.isDeleted(row) {
            if let candidates, !candidates[row] { continue }
            let value = score(segment.vector(at: row))
            guard top.admits(value) else { continue }
            if let excluded, segment.id(at: row) == excluded { continue }
            guard try sealedRowMatches(row, segment: segment, filter: compiled, matcher: matcher) else { continue }
            top.insert(value, .sealed(segment: index, row: row))
          }
        }
      }
      try appendable.vectors.withUnsafeBufferPointer { (vectors) throws(StoreError) in
        guard let base = vectors.baseAddress else { return }
        for row in 0..<appendable.rowCount where appendable.live[row] {
          let value = score(base + row * dimension)
          guard top.admits(value) else { continue }
          let id = appendable.ids[row]
          if let excluded, id == excluded { continue }
          if let compiled, !compiled.matches(id: id, payload: appendable.payloads[row]) { continue }
          top.insert(value, .appendable(row: row))
        }
      }
    }
    var results: [ScoredPoint] = []
    let hits = top.entries.map { entry in (entry.score, entry.item, id(at: entry.item)) }
      .sorted { a, b in
        if a.0 != b.0 { return distance.higherIsCloser ? a.0 > b.0 : a.0 < b.0 }
        return a.2 < b.2
      }
    for (value, location, id) in hits {
      let record = try record(at: location, id: id, withPayload: withPayload, withVector: withVector)
      let score = distance == .euclid ? value.squareRoot() : value
      results.append(ScoredPoint(id: id, score: score, payload: record.payload, vector: record.vector))
    }
    return results
  }

  /// How one sealed segment is searched.
  private enum SearchPlan {
    /// Walk the HNSW graph, checking deletions and the filter on each visited point.
    case graph(HNSWGraph)
    /// Score every live row (only the candidates when given).
    case scan(candidates: Bitset?)
  }

  /// Chooses between a scan and a graph walk for one segment (Qdrant's cardinality planner).
  private func plan(segment: SealedSegment, filter: CompiledFilter?, matcher: SegmentFilter?, exact: Bool, ef: Int)
    throws(StoreError) -> SearchPlan
  {
    guard !exact, let graph = segment.graph?.graph else { return .scan(candidates: matcher?.candidates) }
    guard let filter, let matcher else { return .graph(graph) }
    let threshold = Self.fullScanThreshold(ef: ef, m: config.hnswM)
    if let candidates = matcher.candidates {
      // Payload indexes bound the matches: few of them are cheaper to score directly.
      return candidates.population <= threshold ? .scan(candidates: candidates) : .graph(graph)
    }
    // Nothing indexed: estimate the matching fraction from a sample of live rows.
    let estimate = try estimatedMatches(filter, in: segment)
    return estimate <= Double(threshold) ? .scan(candidates: nil) : .graph(graph)
  }

  /// The most matching points for which a scan beats a filtered graph walk.
  static func fullScanThreshold(ef: Int, m: Int) -> Int {
    max(1_024, 10 * ef * m)
  }

  /// Estimates how many live rows of `segment` match `filter` from up to 256 sampled rows.
  ///
  /// - Complexity: O(256) payload evaluations.
  func estimatedMatches(_ filter: CompiledFilter, in segment: SealedSegment) throws(StoreError) -> Double {
    let live = segment.liveCount
    guard live > 0 else { return 0 }
    let samples = min(256, segment.count)
    var step = segment.count / samples
    if step == 0 { step = 1 }
    var checked = 0
    var matched = 0
    var row = (segment.id * 7919) % step
    while row < segment.count && checked < samples {
      if !segment.isDeleted(row) {
        checked += 1
        if filter.matches(id: segment.id(at: row), payload: try segment.payload(at: row)) { matched += 1 }
      }
      row += step
    }
    guard checked > 0 else { return Double(live) }
    return Double(live) * Double(matched) / Double(checked)
  }

  /// The id stored at a location.
  func id(at location: Location) -> PointID {
    switch location {
    case .appendable(let row): appendable.ids[row]
    case .sealed(let segment, let row): sealed[segment].id(at: row)
    }
  }
}
