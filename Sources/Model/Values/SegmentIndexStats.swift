/// The shape of one sealed segment's HNSW graph, as `collection info` reports it.
///
/// Read from the stored graph (no rebuild): how many nodes each layer holds and how many
/// links their lists carry. A segment below the graph threshold has no graph
/// (``hasGraph`` is `false`) and is searched by a scan; its layer fields are then empty.
public struct SegmentIndexStats: Hashable {
  /// The segment's id (its file is `seg-<id>.seg`).
  public var segment: Int
  /// Rows stored in the segment (deleted rows included: they stay in the graph).
  public var points: Int
  /// Whether the segment has an HNSW graph.
  public var hasGraph: Bool
  /// The highest level in the graph (the entry point's), or `nil` without a graph.
  public var maxLevel: Int?
  /// `nodesPerLayer[l]`: the nodes present on layer `l` (those whose top level is ≥ `l`).
  public var nodesPerLayer: [Int]
  /// The mean link count of the level-0 lists.
  public var meanDegreeLevel0: Double
  /// The largest link count of a level-0 list (at most `2m`).
  public var maxDegreeLevel0: Int
  /// The mean link count of the lists above level 0 (0 when there are none).
  public var meanDegreeUpper: Double
  /// The largest link count of a list above level 0 (at most `m`).
  public var maxDegreeUpper: Int

  /// Creates a value.
  public init(
    segment: Int, points: Int, hasGraph: Bool, maxLevel: Int?, nodesPerLayer: [Int],
    meanDegreeLevel0: Double, maxDegreeLevel0: Int, meanDegreeUpper: Double, maxDegreeUpper: Int
  ) {
    self.segment = segment
    self.points = points
    self.hasGraph = hasGraph
    self.maxLevel = maxLevel
    self.nodesPerLayer = nodesPerLayer
    self.meanDegreeLevel0 = meanDegreeLevel0
    self.maxDegreeLevel0 = maxDegreeLevel0
    self.meanDegreeUpper = meanDegreeUpper
    self.maxDegreeUpper = maxDegreeUpper
  }

  /// The layers in use: `maxLevel + 1`, or 0 without a graph.
  public var layers: Int { nodesPerLayer.count }

  /// The value of a segment searched by a scan.
  package static func withoutGraph(segment: Int, points: Int) -> SegmentIndexStats {
    SegmentIndexStats(
      segment: segment, points: points, hasGraph: false, maxLevel: nil, nodesPerLayer: [],
      meanDegreeLevel0: 0, maxDegreeLevel0: 0, meanDegreeUpper: 0, maxDegreeUpper: 0)
  }
}

extension SegmentIndexStats: Sendable {}
