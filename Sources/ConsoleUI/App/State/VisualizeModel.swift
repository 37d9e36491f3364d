import Operations
public import Model

/// The Visualize tab: a projected sample, the payload field that colours it, the selected dot.
public struct VisualizeModel: Hashable {
  /// The projected sample.
  public var points: [ProjectedPoint] = []
  /// Whether the sample is being loaded and projected.
  public var isLoading = false
  /// Whether a projection has arrived.
  public var isLoaded = false
  /// Payload fields with few distinct values, candidates for colouring.
  public var fields: [String] = []
  /// The index into ``fields`` colouring the dots.
  public var fieldIndex = 0
  /// The selected dot (index into ``points``).
  public var selected = 0

  /// Creates an empty model.
  public init() {}

  /// Most points sampled.
  public static let sampleLimit = 2_000
  /// Legend entries before the rest are grouped as "other".
  public static let legendLimit = 7

  /// The field colouring the dots, if any.
  public var field: String? { fields.indices.contains(fieldIndex) ? fields[fieldIndex] : nil }

  /// The legend: the most frequent values of ``field`` (the rest grouped last as `other`),
  /// each with its count.
  ///
  /// - Complexity: O(n log n) in the number of points.
  public var legend: [(value: String, count: Int)] {
    guard let field else { return [("all", points.count)] }
    var counts: [String: Int] = [:]
    for point in points { counts[Self.label(point.payload[field]), default: 0] += 1 }
    let ordered = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
    var legend = ordered.prefix(Self.legendLimit).map { ($0.key, $0.value) }
    let rest = ordered.dropFirst(Self.legendLimit).reduce(0) { $0 + $1.value }
    if rest > 0 { legend.append(("other", rest)) }
    return legend
  }

  /// The legend index (colour) of a point.
  public func series(of point: ProjectedPoint, legend: [(value: String, count: Int)]) -> Int {
    guard let field else { return 0 }
    let label = Self.label(point.payload[field])
    return legend.firstIndex { $0.value == label } ?? max(0, legend.count - 1)
  }

  /// How a payload value is named in the legend.
  public static func label(_ value: JSONValue?) -> String {
    guard let value else { return "(none)" }
    if case .array(let items) = value, let first = items.first { return label(first) }
    return ResultFormatting.cell(value)
  }
}

extension VisualizeModel: Sendable {}
