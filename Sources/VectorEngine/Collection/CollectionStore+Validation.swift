extension CollectionStore {
  /// Checks and prepares points for logging: dimension, finiteness, indexed payload types;
  /// normalizes for cosine; keeps the last occurrence of a repeated id.
  ///
  /// - Complexity: O(n · d).
  func prepareUpsert(_ points: [PointStruct]) throws(EngineError) -> [PointStruct] {
    var lastIndex: [PointID: Int] = [:]
    lastIndex.reserveCapacity(points.count)
    for (index, point) in points.enumerated() { lastIndex[point.id] = index }
    var prepared: [PointStruct] = []
    prepared.reserveCapacity(lastIndex.count)
    for (index, point) in points.enumerated() where lastIndex[point.id] == index {
      var copy = point
      copy.vector = try prepareVector(point.vector, context: "point \(point.id)")
      try checkPayload(point.payload, id: point.id)
      prepared.append(copy)
    }
    return prepared
  }

  /// Checks a vector's dimension and finiteness and normalizes it for cosine.
  func prepareVector(_ vector: [Float], context: String) throws(EngineError) -> [Float] {
    guard vector.count == config.dimension else {
      throw EngineError(.invalidInput, "\(context): vector has \(vector.count) components, collection \(name) needs \(config.dimension)")
    }
    if let bad = vector.firstIndex(where: { !$0.isFinite }) {
      throw EngineError(.invalidInput, "\(context): vector component \(bad) is not finite (NaN or infinity)")
    }
    guard config.distance == .cosine else { return vector }
    var normalized = vector
    DistanceKernels.normalize(&normalized)
    return normalized
  }

  /// Fails when a payload value contradicts the type of a payload index.
  func checkIndexedTypes(_ payload: JSONObject, id: PointID?) throws(EngineError) {
    for index in manifest.indexes {
      let values = Self.indexableValues(try Self.path(index.field), payload)
      for value in values where value != .null && !index.type.accepts(value) {
        let subject = id.map { "point \($0) has" } ?? "the payload has"
        let found = value.typeName == "integer" ? "an integer above \(Int64.max)" : "a \(value.typeName) value"
        throw EngineError(.invalidInput, "payload field \"\(index.field)\" is indexed as \(index.type.rawValue), but \(subject) \(found) there")
      }
    }
  }

  /// The live ids a selector names (unknown ids are dropped).
  func resolve(_ selector: PointSelector) throws(EngineError) -> [PointID] {
    switch selector {
    case .ids(let ids):
      var seen = Set<PointID>()
      return ids.filter { locate($0) != nil && seen.insert($0).inserted }
    case .filter(let filter):
      return try matchingIDs(filter)
    }
  }

  /// Sizes, schema and the shape of each sealed segment's graph.
  ///
  /// - Complexity: O(files + payload-indexed appendable rows + graph nodes).
  func info() throws(EngineError) -> CollectionInfo {
    var disk = 0
    do {
      for name in try System.listDirectory(directory) {
        disk += try System.fileSize(directory + "/" + name) ?? 0
      }
    } catch {
      throw EngineError.from(error)
    }
    var ram = appendable.memoryBytes
    for segment in sealed {
      ram += segment.deleted.words.count * 8 + 256
      if config.storage == .memory { ram += segment.fileSize }
    }
    var schema: [PayloadSchemaEntry] = []
    for index in manifest.indexes {
      let path = try Self.path(index.field)
      var points = 0
      for segment in sealed {
        points += segment.payloadIndexes[index.field]?.indexedRows ?? 0
      }
      for row in 0..<appendable.rowCount where appendable.live[row] {
        if Self.indexableValues(path, appendable.payloads[row]).contains(where: { $0 != .null }) { points += 1 }
      }
      schema.append(PayloadSchemaEntry(field: index.field, type: index.type, points: points))
    }
    return CollectionInfo(
      name: name, config: config, pointsCount: try count(nil),
      segmentsCount: sealed.count + (appendable.liveCount > 0 ? 1 : 0), unsealedPoints: appendable.liveCount,
      diskBytes: disk, ramBytes: ram, payloadSchema: schema, aliases: [],
      indexStats: sealed.map { segment in
        segment.graph?.graph.indexStats(segment: segment.id)
          ?? .withoutGraph(segment: segment.id, points: segment.count)
      })
  }
}
