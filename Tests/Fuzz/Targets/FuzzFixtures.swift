@testable import VectorEngine
@testable import Model

/// Valid files that several targets build on, made with the engine's own writers.
enum FuzzFixtures {
  /// The configuration of the template collection: the WAL seeds are written for it.
  static let config = CollectionConfig(dimension: 4, distance: .cosine, storage: .memory)

  /// The `MANIFEST` of an empty collection with ``config``.
  static let manifest: [UInt8] = CollectionManifest(config: config).encoded

  /// The `MANIFEST` of an empty collection with ``config`` and payload indexes on `tenant`
  /// (keyword), `year` (integer), `score` (float) and `flag` (bool).
  static let indexedManifest: [UInt8] = {
    var manifest = CollectionManifest(config: config)
    let fields: [(String, PayloadIndexType)] = [
      ("tenant", .keyword), ("year", .integer), ("score", .float), ("flag", .bool),
    ]
    for (index, (field, type)) in fields.enumerated() {
      manifest.indexes.append(
        CollectionManifest.IndexEntry(id: index + 1, field: field, type: type))
    }
    manifest.nextIndexID = fields.count + 1
    return manifest.encoded
  }()

  /// The dimension of the fixture segments.
  static let segmentDimension = 2

  /// The largest fixture segment, in rows.
  static let maximumSegmentRows = 4_096

  /// A folder holding `seg-00000001.seg` with `rows` rows of ``segmentDimension`` floats
  /// (ids 0, 1, 2…, empty payloads), built once per workspace.
  ///
  /// - Complexity: O(rows) the first time for each row count.
  static func segmentFolder(rows: Int, in workspace: FuzzWorkspace) -> String {
    workspace.fixture("segment-\(rows)") { folder in
      let dimension = segmentDimension
      let vectors = (0..<(rows * dimension)).map { Float(($0 * 7919) % 101) / 101 - 0.5 }
      vectors.withUnsafeBufferPointer { buffer in
        let rows: [SegmentWriter.Row] =
          buffer.baseAddress.map { base in
            (0..<rows).map { row in
              SegmentWriter.Row(
                id: .number(UInt64(row)), vector: base + row * dimension, payload: [])
            }
          } ?? []
        FuzzWorkspace.must("write a fixture segment") { () throws(SystemError) in
          try SegmentWriter.write(
            segment: 1, in: folder, dimension: dimension, normalized: false, rows: rows)
        }
      }
    }
  }
}
