/// What `collection info` reports (shaped after Qdrant's `CollectionInfo`).
public struct CollectionInfo: Hashable {
  /// The collection's name.
  public var name: String
  /// Its configuration.
  public var config: CollectionConfig
  /// Live points.
  public var pointsCount: Int
  /// Sealed segment files, plus the appendable segment when it holds points.
  public var segmentsCount: Int
  /// Points waiting in the appendable segment (logged in the WAL, not yet sealed).
  public var unsealedPoints: Int
  /// Bytes of every file of the collection.
  public var diskBytes: Int
  /// Bytes of the collection's write-ahead log (what a restart replays).
  public var walBytes = 0
  /// Bytes of RAM the collection holds (estimate; mapped files in `mmap` mode excluded).
  public var ramBytes: Int
  /// Payload indexes, with how many points have a value for each.
  public var payloadSchema: [PayloadSchemaEntry]
  /// Aliases pointing at the collection.
  public var aliases: [String]
  /// The HNSW graph of each sealed segment, oldest segment first.
  public var indexStats: [SegmentIndexStats]
  /// Why the collection is damaged (a file failed its checksum after it was opened), or `nil`.
  public var problem: String?

  /// Whether the collection could be opened; when not, only ``name`` and ``problem`` are
  /// meaningful (see ``unopened(_:problem:)``).
  public var isOpened = true

  /// A listing's entry for a collection that could not be opened: red, with the reason.
  public static func unopened(_ name: String, problem: String) -> CollectionInfo {
    var info = CollectionInfo(
      name: name, config: CollectionConfig(dimension: 1, distance: .cosine), pointsCount: 0, segmentsCount: 0,
      unsealedPoints: 0, diskBytes: 0, ramBytes: 0, payloadSchema: [], aliases: [], problem: problem)
    info.isOpened = false
    return info
  }

  /// Qdrant's status word: `red` when damaged, `grey` while points wait to be sealed, else
  /// `green`.
  public var status: String {
    if problem != nil { return "red" }
    return unsealedPoints > 0 ? "grey" : "green"
  }

  /// Creates an info value.
  public init(
    name: String, config: CollectionConfig, pointsCount: Int, segmentsCount: Int, unsealedPoints: Int,
    diskBytes: Int, ramBytes: Int, payloadSchema: [PayloadSchemaEntry], aliases: [String],
    problem: String? = nil, indexStats: [SegmentIndexStats] = []
  ) {
    self.name = name
    self.config = config
    self.pointsCount = pointsCount
    self.segmentsCount = segmentsCount
    self.unsealedPoints = unsealedPoints
    self.diskBytes = diskBytes
    self.ramBytes = ramBytes
    self.payloadSchema = payloadSchema
    self.aliases = aliases
    self.indexStats = indexStats
    self.problem = problem
  }
}

/// One payload index as reported in ``CollectionInfo``.
public struct PayloadSchemaEntry: Hashable {
  /// The indexed field (dotted path).
  public var field: String
  /// The index type.
  public var type: PayloadIndexType
  /// How many points have a value for the field.
  public var points: Int

  /// Creates an entry.
  public init(field: String, type: PayloadIndexType, points: Int) {
    self.field = field
    self.type = type
    self.points = points
  }
}

extension CollectionInfo: Sendable {}
extension PayloadSchemaEntry: Sendable {}
