import Model
import Operations

/// Reads the bodies of collection, alias and index requests into the store's values.
enum CollectionRequest {
  /// `CreateCollection`: one unnamed dense vector (`vectors{size, distance, on_disk,
  /// hnsw_config}`), `hnsw_config{m, ef_construct}` and `optimizers_config{indexing_threshold}`
  /// (KB of unindexed vectors before an early seal; 0 seals only at the segment size).
  ///
  /// `on_disk: false` keeps vectors in memory; `true` or absent maps them from disk, where the
  /// page cache keeps what is used.
  ///
  /// - Throws: ``APIError`` 400 naming the field: named or sparse vectors, an unknown
  ///   distance, a size out of range.
  static func config(from body: JSONBody) throws(APIError) -> CollectionConfig {
    guard let value = body.value("vectors") else { throw .wrongInput("missing field `vectors`") }
    guard let object = JSONBody.defaultVector(value).objectValue else {
      throw .wrongInput("vectors must be an object, not \(value.typeName)")
    }
    let vectors = JSONBody(object: object, path: "vectors")
    if !vectors.has("size"), vectors.object.values.contains(where: { $0.objectValue != nil }) {
      throw .wrongInput("vectors: named vectors are not supported; give one {size, distance}")
    }
    if let sparse = try body.optionalObject("sparse_vectors"), !sparse.object.isEmpty {
      throw .wrongInput("sparse_vectors are not supported")
    }
    let size = try vectors.integer("size", default: 0, in: 1...CollectionConfig.maximumDimension)
    guard vectors.has("size") else { throw .wrongInput("missing field `vectors.size`") }
    let distanceName = try vectors.string("distance")
    guard let distance = Distance(qdrantName: distanceName) else {
      if distanceName == "Manhattan" {
        throw .wrongInput("vectors.distance Manhattan is not supported; use Cosine, Dot or Euclid")
      }
      throw .wrongInput("vectors.distance must be one of Cosine, Euclid, Dot, Manhattan")
    }
    let onDisk = try vectors.bool("on_disk", default: true)
    var config = CollectionConfig(dimension: size, distance: distance, storage: onDisk ? .mmap : .memory)
    for hnsw in [try body.optionalObject("hnsw_config"), try vectors.optionalObject("hnsw_config")] {
      guard let hnsw else { continue }
      config.hnswM = try hnsw.integer("m", default: config.hnswM, in: 2...128)
      config.hnswEfConstruct = try hnsw.integer("ef_construct", default: config.hnswEfConstruct, in: 4...4_096)
    }
    if let optimizers = try body.optionalObject("optimizers_config") {
      config.indexingThresholdKB = try optimizers.integer(
        "indexing_threshold", default: config.indexingThresholdKB, in: 0...CollectionConfig.maximumIndexingThresholdKB)
    }
    return config
  }

  /// `{field_name, field_schema}` where the schema is a type name or `{type: …}`.
  static func payloadIndex(from body: JSONBody) throws(APIError) -> (String, PayloadIndexType) {
    let field = try body.string("field_name")
    let typeName: String
    switch body.value("field_schema") {
    case .string(let name)?: typeName = name
    case .object(let object)?: typeName = object["type"]?.stringValue ?? ""
    case nil: throw .wrongInput("missing field `field_schema`")
    default: throw .wrongInput("field_schema must be a type name or an object with a type")
    }
    guard let type = PayloadIndexType(rawValue: typeName) else {
      let known = PayloadIndexType.allCases.map(\.rawValue).joined(separator: ", ")
      throw .wrongInput(
        "field_schema \(QuotedForMessage.text(typeName, limit: 40)) is not supported; use one of \(known)")
    }
    return (field, type)
  }

  /// Applies `{actions: [{create_alias|delete_alias|rename_alias: …}]}` in order.
  static func applyAliasActions(_ body: JSONBody, backend: any Backend) async throws {
    guard let actions = try body.optionalArray("actions", limit: 1_000) else {
      throw APIError.wrongInput("missing field `actions`")
    }
    let writer = try backend.collectionWriter()
    for (index, action) in actions.enumerated() {
      let name = "actions[\(index)]"
      guard let object = action.objectValue else { throw APIError.wrongInput("\(name) must be an object") }
      let action = JSONBody(object: object, path: name)
      if let create = try action.optionalObject("create_alias") {
        try await writer.createAlias(try create.string("alias_name"), collection: try create.string("collection_name"))
      } else if let delete = try action.optionalObject("delete_alias") {
        try await writer.dropAlias(try delete.string("alias_name"))
      } else if let rename = try action.optionalObject("rename_alias") {
        let old = try rename.string("old_alias_name")
        let new = try rename.string("new_alias_name")
        let pairs = try await backend.collectionReader().aliases()
        guard let target = pairs.first(where: { $0.alias == old })?.collection else {
          throw StoreError(.notFound, "alias \(QuotedForMessage.text(old, limit: 64)) does not exist")
        }
        try await writer.createAlias(new, collection: target)
        try await writer.dropAlias(old)
      } else {
        throw APIError.wrongInput("\(name) must be create_alias, delete_alias or rename_alias")
      }
    }
  }
}
