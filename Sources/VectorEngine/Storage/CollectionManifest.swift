// The manifest of one collection (`MANIFEST`): which files make up its state.
//
//   0  magic "RGOPSMAN"   8  u32 body length   12  u32 CRC-32C of the body   16  JSON body
//
// No object of the body has more than `maximumKeysPerObject` keys.
//
// The manifest is the commit point of every structural change (seal, index creation): files it
// names are published first, the manifest is published by rename, and only then are files it no
// longer names removed. A file in the directory that the manifest does not name is garbage from
// an interrupted change and is deleted when the collection is opened for writing.

/// The durable description of a collection's files and configuration.
import Model

struct CollectionManifest: Hashable, Sendable {
  static let fileName = "MANIFEST"
  static let magic: [UInt8] = Array("RGOPSMAN".utf8)
  /// The most keys any object of the body may have (the format's objects have at most
  /// eight); a wider object makes the manifest corrupt.
  static let maximumKeysPerObject = 64

  /// A sealed segment, the generation of its deletion file (0: no deletions), and whether it
  /// has an HNSW graph file.
  struct SegmentEntry: Hashable, Sendable {
    var id: Int
    var deletionGeneration: Int
    var hasGraph = false
  }

  /// A payload index: its number (used in file names), field and type.
  struct IndexEntry: Hashable, Sendable {
    var id: Int
    var field: String
    var type: PayloadIndexType
  }

  var config: CollectionConfig
  var segments: [SegmentEntry] = []
  var indexes: [IndexEntry] = []
  var nextSegmentID = 1
  var nextIndexID = 1
  var nextGeneration = 1
  /// The first WAL sequence not contained in the segments.
  var walStart: UInt64 = 1

  init(config: CollectionConfig) {
    self.config = config
  }

  var json: JSONValue {
    [
      "format": 1,
      "config": config.json,
      "segments": .array(
        segments.map {
          ["id": .int(Int64($0.id)), "deletions": .int(Int64($0.deletionGeneration)), "graph": .bool($0.hasGraph)]
        }),
      "indexes": .array(
        indexes.map { ["id": .int(Int64($0.id)), "field": .string($0.field), "type": .string($0.type.rawValue)] }),
      "next_segment": .int(Int64(nextSegmentID)),
      "next_index": .int(Int64(nextIndexID)),
      "next_generation": .int(Int64(nextGeneration)),
      "wal_start": .int(Int64(walStart)),
    ]
  }

  var encoded: [UInt8] {
    let body = Array(JSONWriter.compact(json).utf8)
    var writer = ByteWriter(capacity: body.count + 16)
    writer.append(contentsOf: Self.magic)
    writer.append(UInt32(body.count))
    writer.append(CRC32C.checksum(body))
    writer.append(contentsOf: body)
    return writer.bytes
  }

  /// Reads and validates the manifest in `directory`.
  static func read(from directory: String) throws(StoreError) -> CollectionManifest {
    let path = directory + "/" + fileName
    return try decode(try DurableFile.readRequired(path), path: path)
  }

  /// Decodes and validates a manifest's bytes (`path` is named in errors).
  ///
  /// Besides the format, checks what readers rely on: segment ids and index ids unique and
  /// below the next ones, one index per field.
  ///
  /// - Complexity: O(size).
  static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> CollectionManifest {
    func corrupt(_ detail: String) -> StoreError {
      StoreError(.corrupted, "corrupt data: \(path): \(detail)")
    }
    guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
      throw corrupt("not a manifest (bad magic or too short)")
    }
    let (length, crc) = bytes.withUnsafeBytes { raw in
      (
        Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))),
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
      )
    }
    guard length == bytes.count - 16 else { throw corrupt("length field disagrees with the file size") }
    let body = Array(bytes[16...])
    guard CRC32C.checksum(body) == crc else { throw corrupt("checksum mismatch") }
    let json: JSONValue
    do {
      json = try JSONParser.parse(body, maximumKeysPerObject: maximumKeysPerObject)
    } catch {
      guard error.kind == .tooManyKeys else { throw corrupt("body is not a JSON object") }
      throw corrupt(
        "an object at line \(error.line), column \(error.column) has more than \(maximumKeysPerObject) keys, the cap")
    }
    guard let object = json.objectValue else { throw corrupt("body is not a JSON object") }
    guard object["format"]?.integerValue == 1 else { throw corrupt("unsupported manifest format") }
    var manifest: CollectionManifest
    do {
      manifest = CollectionManifest(config: try CollectionConfig(json: object["config"] ?? .null))
      try manifest.config.validate()
    } catch {
      throw corrupt("configuration: \(error.message)")
    }
    guard let segments = object["segments"]?.arrayValue, let indexes = object["indexes"]?.arrayValue,
      let nextSegment = object["next_segment"]?.integerValue, let nextIndex = object["next_index"]?.integerValue,
      let nextGeneration = object["next_generation"]?.integerValue, let walStart = object["wal_start"]?.integerValue,
      nextSegment > 0, nextIndex > 0, nextGeneration > 0, walStart > 0
    else { throw corrupt("missing or invalid fields") }
    var segmentIDs = Set<Int>()
    var indexIDs = Set<Int>()
    var indexFields = Set<String>()
    for segment in segments {
      guard let id = segment.objectValue?["id"]?.integerValue,
        let generation = segment.objectValue?["deletions"]?.integerValue,
        id > 0, id < nextSegment, generation >= 0, generation < nextGeneration
      else { throw corrupt("invalid segment entry") }
      let hasGraph = segment.objectValue?["graph"] == .bool(true)
      guard segmentIDs.insert(Int(id)).inserted else { throw corrupt("segment \(id) is listed twice") }
      manifest.segments.append(SegmentEntry(id: Int(id), deletionGeneration: Int(generation), hasGraph: hasGraph))
    }
    for index in indexes {
      guard let id = index.objectValue?["id"]?.integerValue, let field = index.objectValue?["field"]?.stringValue,
        let typeName = index.objectValue?["type"]?.stringValue, let type = PayloadIndexType(rawValue: typeName),
        id > 0, id < nextIndex
      else { throw corrupt("invalid index entry") }
      guard indexIDs.insert(Int(id)).inserted, indexFields.insert(field).inserted else {
        throw corrupt("index \(id) or its field is listed twice")
      }
      manifest.indexes.append(IndexEntry(id: Int(id), field: field, type: type))
    }
    manifest.nextSegmentID = Int(nextSegment)
    manifest.nextIndexID = Int(nextIndex)
    manifest.nextGeneration = Int(nextGeneration)
    manifest.walStart = UInt64(walStart)
    return manifest
  }

  /// Publishes the manifest durably in `directory`.
  func write(to directory: String) throws(StoreError) {
    do {
      try DurableFile.publish(encoded, as: Self.fileName, in: directory)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// The names of every file this manifest refers to (besides WAL files).
  var referencedFiles: Set<String> {
    var names: Set<String> = [Self.fileName]
    for segment in segments {
      names.insert(SegmentFormat.fileName(segment: segment.id))
      if segment.deletionGeneration > 0 {
        names.insert(SegmentFormat.deletionFileName(segment: segment.id, generation: segment.deletionGeneration))
      }
      for index in indexes {
        names.insert(SegmentPayloadIndex.fileName(segment: segment.id, index: index.id))
      }
      if segment.hasGraph { names.insert(SegmentGraph.fileName(segment: segment.id)) }
    }
    return names
  }
}
