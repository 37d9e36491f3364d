import Model
/// The tabs of a collection's page, in the order `Tab` visits them.
public enum CollectionTab: Int, CaseIterable, Hashable {
  /// Points with their payloads, paged with the scroll cursor.
  case points
  /// Configuration, payload schema, aliases and sizes.
  case info
  /// Recall of the index against exact search, with latency.
  case quality
  /// The collection's snapshot files.
  case snapshots
  /// A 2-D projection of a sample of the vectors.
  case visualize

  /// The tab's title.
  public var title: String {
    switch self {
    case .points: "Points"
    case .info: "Info"
    case .quality: "Search quality"
    case .snapshots: "Snapshots"
    case .visualize: "Visualize"
    }
  }
}

extension CollectionTab: Sendable {}
