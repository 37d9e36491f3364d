/// How well the index answers compared with exact search (Qdrant's "ANN recall" tab).
public struct QualityReport: Hashable {
  /// Points sampled; each is searched for with its own vector, itself excluded.
  public var sample: Int
  /// Results compared per query (k).
  public var limit: Int
  /// The search candidate list size used.
  public var ef: Int
  /// Mean recall@k of the index against exact search.
  public var recallMean: Double
  /// Standard deviation of recall@k across the sample.
  public var recallStandardDeviation: Double
  /// Mean latency of an index search, in milliseconds.
  public var indexMilliseconds: Double
  /// Mean latency of an exact search, in milliseconds.
  public var exactMilliseconds: Double

  /// Creates a report.
  public init(
    sample: Int, limit: Int, ef: Int, recallMean: Double, recallStandardDeviation: Double,
    indexMilliseconds: Double, exactMilliseconds: Double
  ) {
    self.sample = sample
    self.limit = limit
    self.ef = ef
    self.recallMean = recallMean
    self.recallStandardDeviation = recallStandardDeviation
    self.indexMilliseconds = indexMilliseconds
    self.exactMilliseconds = exactMilliseconds
  }
}

extension QualityReport: Sendable {}
