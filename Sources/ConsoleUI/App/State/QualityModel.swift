public import Model

/// The Search quality tab: a measurement in progress or its report.
public struct QualityModel: Hashable {
  /// Sampled queries done and planned while a measurement runs, else `nil`.
  public var progress: (done: Int, total: Int)? {
    get { progressDone.map { ($0, progressTotal) } }
    set {
      progressDone = newValue?.done
      progressTotal = newValue?.total ?? 0
    }
  }
  private var progressDone: Int?
  private var progressTotal = 0
  /// The latest report.
  public var report: QualityReport?
  /// Sampled points per measurement.
  public var sample = 100
  /// Neighbours compared per query (recall@k).
  public var limit = 10

  /// Creates an empty model.
  public init() {}

  /// Whether a measurement is running.
  public var isRunning: Bool { progressDone != nil }
}

extension QualityModel: Sendable {}
