import Model

extension CollectionStore {
  /// Checks and prepares points for logging: dimension, finiteness, indexed payload types;
  /// normalizes for cosine; keeps the last occurrence of a repeated id.
  ///
  /// - Complexity: O(n · d).
  func prepareUpsert(_ points: [PointStruct]) throws(StoreError) -> [PointStruct] {
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

  /// Checks a vector's dimension and finiteness and normalizes it for cosine (where an
  /// all-zero vector has no direction and is refused).
  func prepareVector(_ vector: [Float], context: String) throws(StoreError) -> [Float] {
    if let problem = vectorProblem(vector, normalizedAlready: false) {
      throw StoreError(.invalidInput, "\(context): \(problem)")
    }
    guard config.distance == .cosine else { return vector }
    var normalized = vector
    DistanceKernels.normalize(&normalized)
    return normalized
  }

  /// What is wrong with a vector for this collection, or `nil`.
  ///
  /// - Parameter normalizedAlready: also require a cosine vector to have unit length (a
  ///   vector read back from the log was normalized before it was logged).
  /// - Complexity: O(d).
  func vectorProblem(_ vector: [Float], normalizedAlready: Bool) -> String? {
    guard vector.count == config.dimension else {
      return "vector has \(vector.count) components, collection \(name) needs \(config.dimension)"
    }
    if let bad = vector.firstIndex(where: { !$0.isFinite }) {
      return "vector component \(bad) is not finite (NaN or infinity)"
    }
    guard config.distance == .cosine else { return nil }
    var squares: Double = 0
    for component in vector { squares += Double(component) * Double(component) }
    if squares == 0 { return "vector is all zeros, which has no direction for cosine distance" }
    if normalizedAlready && abs(squares.squareRoot() - 1) > Self.unitLengthTolerance {
      return "vector has length \(squares.squareRoot()), not 1 as every stored cosine vector has"
    }
    return nil
  }

  /// How far from 1 the length of a stored cosine vector may be (float rounding is ~1e-7).
  static let unitLengthTolerance = 1e-3

  /// Why a logged operation cannot be replayed, or `nil`: it is checked as the write that
  /// logged it was (dimension, finiteness, unit length for cosine, payload index types).
  ///
  /// - Complexity: O(size of the operation).
  func problem(replaying operation: CollectionOperation) -> String? {
    do throws(StoreError) {
      switch operation {
      case .upsert(let points):
        for point in points {
          if let problem = vectorProblem(point.vector, normalizedAlready: true) {
            return "point \(point.id): \(problem)"
          }
          try checkIndexedTypes(point.payload, id: point.id)
        }
      case .setPayload(_, let payload), .overwritePayload(_, let payload):
        try checkIndexedTypes(payload, id: nil)
      case .delete, .deletePayloadKeys:
        break
      }
    } catch {
      return error.message
    }
    return nil
  }

  /// Fails when a payload value contradicts the type of a payload index.
  func checkIndexedTypes(_ payload: JSONObject, id: PointID?) throws(StoreError) {
    for index in manifest.indexes {
      let values = Self.indexableValues(try Self.path(index.field), payload)
      for value in values where value != .null && !index.type.accepts(value) {
        let subject = id.map { "point \($0) has" } ?? "the payload has"
        let found = value.typeName == "integer" ? "an integer above \(Int64.max)" : "a \(value.typeName) value"
        throw StoreError(
          .invalidInput,
          "payload field \"\(index.field)\" is indexed as \(index.type.rawValue), but \(subject) \(found) there")
      }
    }
  }

  /// The live ids a selector names (unknown ids are dropped).
  func resolve(_ selector: PointSelector) throws(StoreError) -> [PointID] {
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
  func info() throws(StoreError) -> CollectionInfo {
    var disk = 0
    do {
      for name in try System.listDirectory(directory) {
        disk += try System.fileSize(directory + "/" + name) ?? 0
      }
    } catch {
      throw StoreError.from(error)
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
    var info = CollectionInfo(
      name: name, config: config, pointsCount: try count(nil),
      segmentsCount: sealed.count + (appendable.liveCount > 0 ? 1 : 0), unsealedPoints: appendable.liveCount,
      diskBytes: disk, ramBytes: ram, payloadSchema: schema, aliases: [], problem: problem,
      indexStats: sealed.map { segment in
        segment.graph?.graph.indexStats(segment: segment.id)
          ?? .withoutGraph(segment: segment.id, points: segment.count)
      })
    info.walBytes = wal?.byteCount ?? 0
    return info
  }
}
