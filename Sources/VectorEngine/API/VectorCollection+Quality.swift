import Model

extension VectorCollection {
  /// Samples points and compares index search with exact search for each (recall@k).
  ///
  /// Each sampled point is searched with its own vector and excluded from both result lists.
  /// The lock is taken per search, so other work proceeds between them.
  ///
  /// - Parameters:
  ///   - sample: how many points to sample (seeded, so runs are comparable).
  ///   - progress: called after each sampled point with (done, total).
  /// - Complexity: O(sample · (graph search + n · d)).
  public func measureQuality(
    sample: Int = 100, limit: Int = 10, ef: Int? = nil, seed: UInt64 = 1,
    progress: ((Int, Int) -> Void)? = nil
  ) throws(StoreError) -> QualityReport {
    try RequestLimits.check(sample, in: RequestLimits.qualitySample, "sample")
    try RequestLimits.check(limit, in: RequestLimits.searchLimit, "limit")
    if let ef { try RequestLimits.check(ef, in: RequestLimits.ef, "ef") }
    let ids = try sampleIDs(sample, seed: seed)
    let efUsed = ef ?? config.hnswEf
    var recalls: [Double] = []
    var indexTime = Duration.zero
    var exactTime = Duration.zero
    let clock = ContinuousClock()
    for (done, id) in ids.enumerated() {
      var start = clock.now
      let approximate = try search(SearchRequest(query: .point(id), limit: limit, ef: efUsed, withPayload: false))
      indexTime += clock.now - start
      start = clock.now
      let exact = try search(SearchRequest(query: .point(id), limit: limit, exact: true, withPayload: false))
      exactTime += clock.now - start
      if !exact.isEmpty {
        let truth = Set(exact.map(\.id))
        recalls.append(Double(approximate.filter { truth.contains($0.id) }.count) / Double(exact.count))
      }
      progress?(done + 1, ids.count)
    }
    let count = Double(max(recalls.count, 1))
    let mean = recalls.reduce(0, +) / count
    let variance = recalls.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
    func milliseconds(_ duration: Duration) -> Double {
      let (seconds, attoseconds) = duration.components
      return (Double(seconds) + Double(attoseconds) * 1e-18) * 1_000 / Double(max(ids.count, 1))
    }
    return QualityReport(
      sample: ids.count, limit: limit, ef: efUsed, recallMean: mean,
      recallStandardDeviation: variance.squareRoot(), indexMilliseconds: milliseconds(indexTime),
      exactMilliseconds: milliseconds(exactTime))
  }
}
