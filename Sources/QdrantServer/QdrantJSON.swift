import Model

/// The store's values in the JSON shapes of Qdrant's OpenAPI document (`CollectionInfo`,
/// `Record`, `ScoredPoint`, …), with the fields `qdrant-client` requires.
enum QdrantJSON {
  /// `CollectionInfo`.
  static func collectionInfo(_ info: CollectionInfo) -> JSONValue {
    let config = info.config
    var schema = JSONObject()
    for entry in info.payloadSchema {
      schema[entry.field] = .object([
        "data_type": .string(entry.type.rawValue), "points": .integer(UInt64(entry.points)),
      ])
    }
    let indexed = info.indexStats.filter(\.hasGraph).reduce(0) { $0 + $1.points }
    let optimizer: JSONValue = info.problem.map { .object(["error": .string($0)]) } ?? .string("ok")
    return .object([
      // Points not yet sealed into an indexed segment are searched exactly, as Qdrant does
      // below its indexing threshold, so only damage makes a collection anything but green.
      "status": .string(info.problem == nil ? "green" : "red"), "optimizer_status": optimizer,
      "indexed_vectors_count": .integer(UInt64(indexed)), "points_count": .integer(UInt64(info.pointsCount)),
      "segments_count": .integer(UInt64(info.segmentsCount)),
      "config": .object([
        "params": .object([
          "vectors": .object([
            "size": .integer(UInt64(config.dimension)), "distance": .string(config.distance.qdrantName),
            "on_disk": .bool(config.storage == .mmap),
          ]),
          "shard_number": 1, "replication_factor": 1, "write_consistency_factor": 1, "on_disk_payload": true,
        ]),
        "hnsw_config": .object([
          "m": .integer(UInt64(config.hnswM)), "ef_construct": .integer(UInt64(config.hnswEfConstruct)),
          "full_scan_threshold": 10_000, "on_disk": .bool(config.storage == .mmap),
        ]),
        "optimizer_config": .object([
          "deleted_threshold": .double(0.3), "vacuum_min_vector_number": 1_000, "default_segment_number": 0,
          "indexing_threshold": .integer(UInt64(config.indexingThresholdKB)), "flush_interval_sec": 0,
        ]),
        "wal_config": .object(["wal_capacity_mb": 32, "wal_segments_ahead": 0]),
      ]),
      "payload_schema": .object(schema),
    ])
  }

  /// `Record`: id, and payload and vector when asked for.
  static func record(_ record: PointRecord, payload selection: PayloadSelection) -> JSONValue {
    var object: JSONObject = ["id": record.id.json]
    object["payload"] = record.payload.map { .object(selection.apply(to: $0)) } ?? .null
    object["vector"] = record.vector.map(vector) ?? .null
    return .object(object)
  }

  /// `ScoredPoint`: id, version, score, and payload and vector when asked for.
  static func scoredPoint(_ point: ScoredPoint, payload selection: PayloadSelection) -> JSONValue {
    var object: JSONObject = ["id": point.id.json, "version": 0, "score": number(point.score)]
    object["payload"] = point.payload.map { .object(selection.apply(to: $0)) } ?? .null
    object["vector"] = point.vector.map(vector) ?? .null
    return .object(object)
  }

  /// A dense vector as a JSON array.
  ///
  /// - Complexity: O(n) in the dimension.
  static func vector(_ components: [Float]) -> JSONValue {
    .array(components.map(number))
  }

  /// A `Float` as the double whose shortest text is the float's own shortest text, so `0.1`
  /// goes out as `0.1`, not `0.10000000149011612`.
  static func number(_ value: Float) -> JSONValue {
    .double(Double(JSONWriter.number(value)) ?? Double(value))
  }
}
