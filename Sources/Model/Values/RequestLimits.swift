/// The ranges the engine accepts for the numeric knobs of a request, checked before any work
/// or allocation so that every caller (commands, the console, benchmarks, embedders) gets the
/// same `invalidInput` error naming the knob and its range.
///
/// The bounds are generous for real use and stop absurd values: Qdrant asks for `limit` and
/// `hnsw_ef` of at least 1; the upper bounds keep one request's candidate lists, result
/// buffers and worker threads to a size a server can afford.
public enum RequestLimits {
  /// How many hits a search may return.
  public static let searchLimit = 1...10_000
  /// The candidate list size of an index search (also a collection's default `ef`).
  public static let ef = 1...65_536
  /// How many points one scroll page may hold (0 asks only for the next offset).
  public static let scrollLimit = 0...100_000
  /// How many points a quality measurement may sample.
  public static let qualitySample = 1...100_000
  /// How many threads may build an index.
  public static let indexThreads = 1...1_024

  /// Checks that `value` lies in `range`.
  ///
  /// - Parameters:
  ///   - value: the value asked for.
  ///   - range: the range accepted.
  ///   - name: the knob, as the operator knows it (`ef`, `limit`…).
  /// - Throws: ``StoreError`` `invalidInput`: "`name` must be between `a` and `b`, got `value`".
  public static func check(_ value: Int, in range: ClosedRange<Int>, _ name: String)
    throws(StoreError)
  {
    guard range.contains(value) else {
      throw StoreError(
        .invalidInput,
        "\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
    }
  }
}
