public import Model

/// One collection's page: its info and the state of each tab.
public struct CollectionPageModel: Hashable {
  /// The collection's name.
  public var name: String
  /// The tab shown.
  public var tab: CollectionTab = .points
  /// Size, configuration and schema, once loaded.
  public var info: CollectionInfo?
  /// The Points tab.
  public var points = PointsModel()
  /// The Snapshots tab.
  public var snapshots = SnapshotsModel()
  /// The Search quality tab.
  public var quality = QualityModel()
  /// The Visualize tab.
  public var visualize = VisualizeModel()
  /// First line shown by the Info tab.
  public var infoScroll = 0

  /// Creates the page of `name`.
  public init(name: String) {
    self.name = name
  }
}

extension CollectionPageModel: Sendable {}
