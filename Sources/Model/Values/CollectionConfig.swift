/// A collection's fixed configuration.
public struct CollectionConfig: Hashable {
  /// The number of components of every vector.
  public var dimension: Int
  /// How vectors are compared.
  public var distance: Distance
  /// Where sealed vectors live at run time.
  public var storage: StorageMode
  /// HNSW parameters: links per node.
  public var hnswM: Int
  /// HNSW parameters: candidate list size while building.
  public var hnswEfConstruct: Int
  /// HNSW parameters: default candidate list size while searching.
  public var hnswEf: Int
  /// How many points the appendable segment holds before it is sealed into a segment file.
  public var segmentPoints: Int
  /// Unsealed vectors above this many kilobytes are sealed into an indexed segment before
  /// `segmentPoints` is reached, so that a search never scans more unindexed data than this
  /// (Qdrant's `indexing_threshold`, also in kilobytes, with its default); 0 seals only at
  /// `segmentPoints`, as a bulk load that wants one segment does.
  public var indexingThresholdKB: Int

  /// The largest dimension accepted (Qdrant's limit).
  public static let maximumDimension = 65_536

  /// Creates a configuration with Qdrant's defaults for the HNSW parameters.
  public init(
    dimension: Int, distance: Distance, storage: StorageMode = .mmap, hnswM: Int = 16,
    hnswEfConstruct: Int = 100, hnswEf: Int = 64, segmentPoints: Int = 50_000,
    indexingThresholdKB: Int = Self.defaultIndexingThresholdKB
  ) {
    self.dimension = dimension
    self.distance = distance
    self.storage = storage
    self.hnswM = hnswM
    self.hnswEfConstruct = hnswEfConstruct
    self.hnswEf = hnswEf
    self.segmentPoints = segmentPoints
    self.indexingThresholdKB = indexingThresholdKB
  }

  /// Qdrant's default `indexing_threshold`: 10,000 KB of unindexed vectors.
  public static let defaultIndexingThresholdKB = 10_000
  /// The largest `indexing_threshold` accepted (1 TiB of vectors).
  public static let maximumIndexingThresholdKB = 1 << 30

  /// Checks every field's range.
  ///
  /// - Throws: ``StoreError`` of kind `invalidInput` naming the field.
  public func validate() throws(StoreError) {
    guard (1...Self.maximumDimension).contains(dimension) else {
      throw StoreError(.invalidInput, "dimension must be between 1 and \(Self.maximumDimension), got \(dimension)")
    }
    guard (2...512).contains(hnswM) else {
      throw StoreError(.invalidInput, "m must be between 2 and 512, got \(hnswM)")
    }
    guard (4...4096).contains(hnswEfConstruct) else {
      throw StoreError(.invalidInput, "ef_construct must be between 4 and 4096, got \(hnswEfConstruct)")
    }
    try RequestLimits.check(hnswEf, in: RequestLimits.ef, "ef")
    guard (1...10_000_000).contains(segmentPoints) else {
      throw StoreError(.invalidInput, "segment size must be between 1 and 10000000 points, got \(segmentPoints)")
    }
    guard (0...Self.maximumIndexingThresholdKB).contains(indexingThresholdKB) else {
      throw StoreError(
        .invalidInput,
        "indexing threshold must be between 0 and \(Self.maximumIndexingThresholdKB) KB, got \(indexingThresholdKB)")
    }
  }

  /// The configuration as JSON (Qdrant-like field names).
  public var json: JSONValue {
    [
      "size": .int(Int64(dimension)), "distance": .string(distance.rawValue),
      "storage": .string(storage.rawValue),
      "hnsw": ["m": .int(Int64(hnswM)), "ef_construct": .int(Int64(hnswEfConstruct)), "ef": .int(Int64(hnswEf))],
      "segment_points": .int(Int64(segmentPoints)),
      "indexing_threshold_kb": .int(Int64(indexingThresholdKB)),
    ]
  }

  /// Reads the configuration written by ``json``.
  public init(json: JSONValue) throws(StoreError) {
    guard let object = json.objectValue,
      let size = object["size"]?.integerValue,
      let distanceName = object["distance"]?.stringValue, let distance = Distance(name: distanceName),
      let storageName = object["storage"]?.stringValue, let storage = StorageMode(rawValue: storageName),
      let hnsw = object["hnsw"]?.objectValue,
      let m = hnsw["m"]?.integerValue, let efConstruct = hnsw["ef_construct"]?.integerValue,
      let ef = hnsw["ef"]?.integerValue,
      let segmentPoints = object["segment_points"]?.integerValue
    else { throw StoreError(.corrupted, "collection configuration is incomplete") }
    // Collections created before the threshold existed get the default.
    let threshold = object["indexing_threshold_kb"]?.integerValue ?? Int64(Self.defaultIndexingThresholdKB)
    self.init(
      dimension: Int(size), distance: distance, storage: storage, hnswM: Int(m),
      hnswEfConstruct: Int(efConstruct), hnswEf: Int(ef), segmentPoints: Int(segmentPoints),
      indexingThresholdKB: Int(threshold))
  }
}

extension CollectionConfig: Sendable {}
