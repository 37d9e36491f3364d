import Model

/// Qdrant's answers read into the shared model, every field checked: an answer that lacks
/// what the API document promises is an `unreachable` error naming the field, never a crash
/// or a silent zero.
enum QdrantDecoding {
  /// `CollectionInfo` (`GET /collections/{name}`) as ragops's info.
  static func collectionInfo(_ name: String, _ result: JSONValue, aliases: [String]) throws(StoreError)
    -> CollectionInfo
  {
    let info = try object(result, "result")
    let config = try object(info["config"], "result.config")
    let params = try object(config["params"], "result.config.params")
    guard let vectorValue = params["vectors"] else { throw missing("result.config.params.vectors") }
    guard let vectors = vectorValue.objectValue, let size = vectors["size"]?.integerValue else {
      throw StoreError(
        .unsupported, "collection \(name) has named or sparse vectors, which ragops does not show yet")
    }
    let distance = try distance(vectors["distance"]?.stringValue, collection: name)
    let onDisk = vectors["on_disk"] == .bool(true)
    var collectionConfig = CollectionConfig(
      dimension: Int(clamping: size), distance: distance, storage: onDisk ? .mmap : .memory)
    if let hnsw = config["hnsw_config"]?.objectValue {
      collectionConfig.hnswM = hnsw["m"]?.integerValue.map { Int(clamping: $0) } ?? collectionConfig.hnswM
      collectionConfig.hnswEfConstruct =
        hnsw["ef_construct"]?.integerValue.map { Int(clamping: $0) } ?? collectionConfig.hnswEfConstruct
    }
    if let threshold = config["optimizer_config"]?.objectValue?["indexing_threshold"]?.integerValue {
      collectionConfig.indexingThresholdKB = Int(clamping: threshold)
    }
    var schema: [PayloadSchemaEntry] = []
    for (field, entry) in info["payload_schema"]?.objectValue ?? JSONObject() {
      guard let entry = entry.objectValue, let typeName = entry["data_type"]?.stringValue,
        let type = PayloadIndexType(rawValue: typeName)
      else { continue }
      schema.append(
        PayloadSchemaEntry(field: field, type: type, points: Int(clamping: entry["points"]?.integerValue ?? 0)))
    }
    return CollectionInfo(
      name: name, config: collectionConfig,
      pointsCount: Int(clamping: info["points_count"]?.integerValue ?? 0),
      segmentsCount: Int(clamping: info["segments_count"]?.integerValue ?? 0), unsealedPoints: 0, diskBytes: 0,
      ramBytes: 0, payloadSchema: schema.sorted { $0.field < $1.field }, aliases: aliases.sorted())
  }

  /// Qdrant's distance name as ragops's.
  static func distance(_ name: String?, collection: String) throws(StoreError) -> Distance {
    guard let name else { throw missing("result.config.params.vectors.distance") }
    guard let distance = Distance(qdrantName: name) else {
      throw StoreError(
        .unsupported,
        "collection \(collection) uses the \(QuotedForMessage.text(name, limit: 20)) distance, which ragops does not show"
      )
    }
    return distance
  }

  /// A `Record` or `ScoredPoint`'s id, payload and vector.
  static func record(_ value: JSONValue, at path: String) throws(StoreError) -> PointRecord {
    let point = try object(value, path)
    guard let id = point["id"].flatMap(PointID.init(json:)) else { throw missing(path + ".id") }
    return PointRecord(id: id, payload: point["payload"]?.objectValue, vector: try vector(point["vector"], path))
  }

  /// A `ScoredPoint`.
  static func scoredPoint(_ value: JSONValue, at path: String) throws(StoreError) -> ScoredPoint {
    let record = try record(value, at: path)
    guard let score = value.objectValue?["score"]?.numberValue else { throw missing(path + ".score") }
    return ScoredPoint(id: record.id, score: Float(score), payload: record.payload, vector: record.vector)
  }

  /// A dense vector (`null` or absent: none).
  private static func vector(_ value: JSONValue?, _ path: String) throws(StoreError) -> [Float]? {
    guard let value, value != .null else { return nil }
    guard let elements = value.arrayValue else {
      throw StoreError(.unsupported, "\(path).vector is not one dense vector (named vectors are not shown yet)")
    }
    var vector: [Float] = []
    vector.reserveCapacity(elements.count)
    for element in elements {
      guard let number = element.numberValue else { throw missing(path + ".vector[]") }
      vector.append(Float(number))
    }
    return vector
  }

  /// `value` as an object, or an error naming `path`.
  static func object(_ value: JSONValue?, _ path: String) throws(StoreError) -> JSONObject {
    guard let object = value?.objectValue else { throw missing(path) }
    return object
  }

  /// An array at `path`, or an error naming it.
  static func array(_ value: JSONValue?, _ path: String) throws(StoreError) -> [JSONValue] {
    guard let array = value?.arrayValue else { throw missing(path) }
    return array
  }

  /// The error for an answer without a field the API promises.
  static func missing(_ path: String) -> StoreError {
    StoreError(.unreachable, "the server's answer lacks \(path) or has the wrong type; is it a Qdrant API?")
  }
}
