import Model
import Operations

/// A backend that can only read: one collection, `docs`, of `pointCount` 2-d points with a
/// `tenant` payload, kept in memory. It has no writing half, no snapshots, no maintenance and
/// no backups, so screens and commands over it must hide or refuse all of those.
public final class ReadingBackend: CollectionReading, PointReading {
  /// Points in `docs`.
  public let pointCount: Int

  /// A backend whose `docs` holds `pointCount` points.
  public init(pointCount: Int = 3) { self.pointCount = pointCount }

  /// A name for messages; nothing is stored anywhere.
  public var location: String { "memory://reading" }
  /// A version for the header.
  public var version: String { "test" }
  /// Writable in principle: it lacks the writing capabilities instead.
  public var isReadOnly: Bool { false }
  /// Nothing is wrong.
  public var problems: [String] { [] }
  /// Nothing happened on open.
  public var openingNotes: [String] { [] }
  /// Nothing to close; the status stays.
  public func close(after status: ExitStatus, report: (String) -> Void) -> ExitStatus { status }

  private var config: CollectionConfig { CollectionConfig(dimension: 2, distance: .dot) }

  private func record(_ id: Int) -> PointRecord {
    PointRecord(id: .number(UInt64(id)), payload: ["tenant": .string("t\(id % 2)")], vector: [Float(id), 1])
  }

  private func requireDocs(_ name: String) throws(StoreError) {
    guard name == "docs" else { throw StoreError(.notFound, "collection \(name) not found") }
  }

  // The capability methods below are documented on their protocols.

  public func collectionNames() throws(StoreError) -> [String] { ["docs"] }

  public func collectionInfo(_ name: String) throws(StoreError) -> CollectionInfo {
    try requireDocs(name)
    return CollectionInfo(
      name: name, config: config, pointsCount: pointCount, segmentsCount: 0, unsealedPoints: pointCount,
      diskBytes: 0, ramBytes: 0, payloadSchema: [], aliases: [])
  }

  public func collectionConfig(_ name: String) throws(StoreError) -> CollectionConfig {
    try requireDocs(name)
    return config
  }

  public func aliases() throws(StoreError) -> [(alias: String, collection: String)] { [] }

  public func retrieve(collection: String, ids: [PointID], withPayload: Bool, withVector: Bool) throws(StoreError)
    -> [PointRecord]
  {
    try requireDocs(collection)
    return ids.compactMap { id in
      guard case .number(let number) = id, number < pointCount else { return nil }
      return record(Int(number))
    }
  }

  public func count(collection: String, filter: Filter?) throws(StoreError) -> Int {
    try requireDocs(collection)
    return (0..<pointCount).filter { filter?.matches(id: record($0).id, payload: record($0).payload ?? [:]) ?? true }
      .count
  }

  public func scroll(
    collection: String, filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool
  ) throws(StoreError) -> ScrollPage {
    try requireDocs(collection)
    let matching = (0..<pointCount).map(record).filter {
      filter?.matches(id: $0.id, payload: $0.payload ?? [:]) ?? true
    }
    return ScrollPage(points: Array(matching.prefix(limit)), nextPageOffset: nil)
  }

  public func search(collection: String, request: SearchRequest) throws(StoreError) -> [ScoredPoint] {
    try requireDocs(collection)
    return []
  }
}
