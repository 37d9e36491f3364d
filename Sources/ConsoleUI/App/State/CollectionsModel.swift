import Operations
public import Model

/// The collections table: what the engine reported, the name filter and the sort order.
public struct CollectionsModel: Hashable {
  /// Every collection, as loaded.
  public var infos: [CollectionInfo] = []
  /// Whether a first load has arrived.
  public var isLoaded = false
  /// The `/` filter: collections whose name or alias contains it.
  public var filter = ""
  /// Selection, scroll and sort.
  public var table = TableState(sort: TableSort(column: 0))

  /// Creates an empty model.
  public init() {}

  /// The column titles, in order.
  public static let columnTitles = [
    "NAME", "STATUS", "POINTS", "SEGMENTS", "VECTORS", "STORAGE", "DISK", "RAM",
  ]

  /// The rows shown: filtered by name, then sorted by the table's sort column.
  ///
  /// - Complexity: O(n log n) in the number of collections.
  public var visible: [CollectionInfo] {
    let needle = filter.lowercased()
    let matching = infos.filter { info in
      needle.isEmpty || info.name.lowercased().contains(needle)
        || info.aliases.contains { $0.lowercased().contains(needle) }
    }
    guard let sort = table.sort else { return matching }
    let sorted = matching.sorted { left, right in
      let order = Self.compare(left, right, column: sort.column)
      return order == 0 ? left.name < right.name : order < 0
    }
    return sort.ascending ? sorted : sorted.reversed()
  }

  /// The selected collection, if any.
  public var selected: CollectionInfo? {
    let rows = visible
    guard let row = table.selectedRow, rows.indices.contains(row) else { return nil }
    return rows[row]
  }

  /// The cells of one row.
  public static func cells(_ info: CollectionInfo) -> [String] {
    let name = info.aliases.isEmpty ? info.name : "\(info.name) (\(info.aliases.joined(separator: ", ")))"
    guard info.isOpened else { return [name, status(info), "–", "–", "–", "–", "–", "–"] }
    return [
      name, status(info), Quantity.count(info.pointsCount), "\(info.segmentsCount)",
      "\(info.config.dimension) · \(info.config.distance.rawValue)", info.config.storage.rawValue,
      Quantity.bytes(info.diskBytes), Quantity.bytes(info.ramBytes),
    ]
  }

  /// Qdrant's status words: `green` when every point is sealed and indexed, `grey` while
  /// points wait in the write-ahead log for sealing (Qdrant's "pending optimization"), `red`
  /// when a file of the collection failed its checksum.
  public static func status(_ info: CollectionInfo) -> String {
    info.status
  }

  /// -1, 0 or 1 as `a` sorts before, with or after `b` by `column`.
  private static func compare(_ a: CollectionInfo, _ b: CollectionInfo, column: Int) -> Int {
    func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
    switch column {
    case 1: return order(status(a), status(b))
    case 2: return order(a.pointsCount, b.pointsCount)
    case 3: return order(a.segmentsCount, b.segmentsCount)
    case 4: return order(a.config.dimension, b.config.dimension)
    case 5: return order(a.config.storage.rawValue, b.config.storage.rawValue)
    case 6: return order(a.diskBytes, b.diskBytes)
    case 7: return order(a.ramBytes, b.ramBytes)
    default: return order(a.name, b.name)
    }
  }
}

extension CollectionsModel: Sendable {}
