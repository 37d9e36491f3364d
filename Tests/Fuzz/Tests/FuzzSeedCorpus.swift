import Foundation
@testable import Operations
@testable import VectorEngine
@testable import Model

/// Writes the seed corpus under `Tests/Fuzz/Corpus/`: small valid examples of every format,
/// made by the engine's own writers where it has one (a real data directory with a sealed,
/// indexed segment, deletions, aliases, snapshots and a WAL), and from the documented
/// examples for the text formats.
///
/// Run by ``FuzzSeedCorpusTests`` with `RAGOPS_RECORD_FUZZ_CORPUS=1`; the files are committed.
struct FuzzSeedCorpus {
  /// Where the data directory and other scratch files go.
  let scratch: String
  /// The seeds made so far: target name, file name, bytes.
  private(set) var seeds: [(target: String, name: String, bytes: [UInt8])] = []

  /// Makes every seed.
  mutating func make() throws {
    try makeEngineSeeds()
    try makeSnapshotSeeds()
    makeTextSeeds()
  }

  /// Adds seed `name` of `target`.
  mutating func addBytes(_ target: String, _ name: String, _ bytes: [UInt8]) {
    seeds.append((target, name, bytes))
  }

  /// Adds seed `name` of `target` as UTF-8 text.
  mutating func addText(_ target: String, _ name: String, _ text: String) {
    addBytes(target, name, Array(text.utf8))
  }

  /// Adds the file at `path` as seed `name` of `target` (nothing when it cannot be read).
  mutating func addFile(_ target: String, _ name: String, _ path: String) {
    if let bytes = try? read(path) { addBytes(target, name, bytes) }
  }

  /// The bytes of the file at `path`.
  func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// The points of the `docs` collection: every payload type an index can hold.
  static let points: [PointStruct] = (0..<6).map(point)

  private static func point(_ index: Int) -> PointStruct {
    let id: PointID =
      index == 5 ? .uuid(high: 0x1234, low: 0x5678) : .number(UInt64(index * 10 + 1))
    let number = Float(index)
    let tags: JSONValue = .array([.string("a"), .string("t\(index)")])
    let payload = JSONObject([
      ("tenant", .string(index % 2 == 0 ? "acme" : "globex")), ("year", .int(Int64(2018 + index))),
      ("score", .double(Double(index) / 4)), ("flag", .bool(index % 3 == 0)), ("tags", tags),
      ("title", .string("Vector database part \(index)")),
    ])
    return PointStruct(id: id, vector: [1, number, 0.5, -number / 3], payload: payload)
  }

  private mutating func makeEngineSeeds() throws {
    let data = scratch + "/data"
    let database = try Database(directory: data)
    let collection = try database.createCollection("docs", config: FuzzFixtures.config)
    let folder = data + "/collections/docs"
    let wal = folder + "/" + WriteAheadLog.fileName(startingAt: 1)
    // The log of every kind of operation, for the WAL target's template collection.
    try collection.upsert(Self.points)
    try collection.delete(.ids([.number(11)]))
    try collection.setPayload(JSONObject([("reviewed", .bool(true))]), on: .ids([.number(1)]))
    try collection.overwritePayload(
      JSONObject([("tenant", .string("initech"))]), on: .ids([.number(21)]))
    try collection.deletePayloadKeys(["tags"], on: .ids([.number(31)]))
    addBytes("wal", "operations.log", try read(wal))
    addText("json", "payload.json", JSONWriter.compact(.object(Self.points[0].payload)))
    for (field, type) in [
      ("tenant", PayloadIndexType.keyword), ("year", .integer), ("score", .float), ("flag", .bool),
    ] {
      try collection.createPayloadIndex(field: field, type: type)
    }
    try collection.flush()
    try collection.delete(.ids([.number(21)]))
    try collection.flush()
    let manifest = try CollectionManifest.read(from: folder)
    guard let segment = manifest.segments.first else {
      throw StoreError(.corrupted, "the docs collection has no sealed segment")
    }
    addBytes(
      "segment", "docs.seg", try read(folder + "/" + SegmentFormat.fileName(segment: segment.id)))
    for index in manifest.indexes {
      addBytes(
        "payload-index", "\(index.type.rawValue).idx",
        try read(folder + "/" + SegmentPayloadIndex.fileName(segment: segment.id, index: index.id)))
    }
    addBytes(
      "deletions", "docs.del",
      try read(
        folder + "/"
          + SegmentFormat.deletionFileName(
            segment: segment.id, generation: segment.deletionGeneration)))
    addBytes("manifest", "docs.MANIFEST", try read(folder + "/" + CollectionManifest.fileName))
    addBytes("manifest", "empty.MANIFEST", FuzzFixtures.manifest)
    addText("json", "config.json", JSONWriter.pretty(FuzzFixtures.config.json))
    try database.createAlias("latest", for: "docs")
    try database.createAlias("prod", for: "docs")
    addBytes("aliases", "aliases.json", try read(data + "/aliases.json"))
    addBytes("json", "aliases.json", try read(data + "/aliases.json"))
    try database.close()
    try makeGraphSeeds()
  }

  private mutating func makeGraphSeeds() throws {
    let workspace = FuzzWorkspace(parent: scratch)
    for (rows, distance) in [(40, Distance.cosine), (40, .euclid), (1, .dot), (0, .cosine)] {
      let folder = FuzzFixtures.segmentFolder(rows: rows, in: workspace)
      let segment = try SealedSegment(
        id: 1, directory: folder, expectedDimension: FuzzFixtures.segmentDimension, populate: true,
        deletionGeneration: 0)
      let config = CollectionConfig(
        dimension: FuzzFixtures.segmentDimension, distance: distance, hnswM: 4, hnswEfConstruct: 16)
      _ = try SegmentGraph.build(segment: segment, config: config, threads: 1, directory: folder)
      addBytes(
        "hnsw", "\(distance.rawValue)-\(rows).hnsw",
        try read(folder + "/" + SegmentGraph.fileName(segment: 1)))
      if rows == 40 {
        for row in [3, 39] { segment.delete(row: row) }
        let name = try segment.writeDeletions(generation: 1, in: folder)
        addBytes("deletions", "rows-40.del", try read(folder + "/" + name))
      }
    }
  }
}
