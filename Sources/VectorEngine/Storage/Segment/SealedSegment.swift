/// A read-only, memory-mapped segment file plus its in-memory deletion set.
///
/// Rows are sorted by id, so lookups are binary searches on the mapping and opening a
/// segment never visits its points.
final class SealedSegment {
  let id: Int
  let path: String
  let count: Int
  let dimension: Int
  let stride: Int
  private let region: MappedRegion
  private let vectorsBase: UnsafeRawPointer
  private let idsBase: UnsafeRawPointer
  private let offsetsBase: UnsafeRawPointer
  private let payloads: UnsafeRawBufferPointer
  private let sections: [(offset: Int, length: Int, crc: UInt32)]

  /// Payload indexes over this segment's rows, by field.
  var payloadIndexes: [String: SegmentPayloadIndex] = [:]
  /// The HNSW graph over this segment's vectors, when it has one.
  var graph: SegmentGraph?

  /// Rows deleted since the segment was written (persisted in `.del-<generation>` files).
  private(set) var deleted: Bitset
  private(set) var deletedCount: Int
  /// Whether ``deleted`` changed since it was last written.
  var deletionsDirty = false
  /// The generation of the deletion file on disk (0: none).
  var deletionGeneration: Int

  /// Opens and validates `seg-<id>.seg` in `directory`.
  ///
  /// - Throws: ``EngineError`` (`corrupted` with the file and the problem).
  init(id: Int, directory: String, expectedDimension: Int, populate: Bool,
       deletionGeneration: Int) throws(EngineError) {
    self.id = id
    path = directory + "/" + SegmentFormat.fileName(segment: id)
    do {
      region = try MappedRegion(path: path, populate: populate)
    } catch {
      if error.code == System.errnoNotFound {
        throw EngineError(.corrupted, "corrupt data: \(path) is missing")
      }
      throw EngineError.from(error)
    }
    let bytes = region.bytes
    func corrupt(_ detail: String) -> EngineError {
      EngineError(.corrupted, "corrupt data: \(directory + "/" + SegmentFormat.fileName(segment: id)): \(detail)")
    }
    guard bytes.count >= SegmentFormat.headerSize, let base = bytes.baseAddress else {
      throw corrupt("file is shorter than its header (\(bytes.count) bytes)")
    }
    guard Array(UnsafeRawBufferPointer(rebasing: bytes[0..<8])) == SegmentFormat.magic else {
      throw corrupt("not a segment file (bad magic)")
    }
    let storedCRC = bytes.loadUnaligned(fromByteOffset: SegmentFormat.headerChecksumOffset, as: UInt32.self)
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<SegmentFormat.headerChecksumOffset])) == UInt32(littleEndian: storedCRC) else {
      throw corrupt("header checksum mismatch")
    }
    var reader = ByteReader(bytes, at: 8, context: path)
    do {
      let version = try reader.readUInt32()
      guard version == SegmentFormat.version else { throw corrupt("unsupported segment version \(version)") }
      dimension = Int(try reader.readUInt32())
      let rawCount = try reader.readUInt64()
      stride = Int(try reader.readUInt32())
      _ = try reader.readUInt32()
      guard dimension == expectedDimension else {
        throw corrupt("dimension \(dimension) differs from the collection's \(expectedDimension)")
      }
      guard rawCount <= UInt64(bytes.count), stride == SegmentFormat.stride(forDimension: dimension) else {
        throw corrupt("header fields are out of range")
      }
      count = Int(rawCount)
      var sections: [(offset: Int, length: Int, crc: UInt32)] = []
      for _ in SegmentFormat.Section.allCases {
        let offset = try reader.readUInt64()
        let length = try reader.readUInt64()
        let crc = try reader.readUInt32()
        _ = try reader.readUInt32()
        guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else {
          throw corrupt("a section extends past the end of the file")
        }
        sections.append((Int(offset), Int(length), crc))
      }
      self.sections = sections
    } catch let error as StorageCorruption {
      throw EngineError.from(error)
    } catch let error as EngineError {
      throw error
    } catch {
      throw corrupt("\(error)")
    }
    let expectedLengths = [count * stride, count * SegmentFormat.idRecordSize, (count + 1) * 8]
    for (index, length) in expectedLengths.enumerated() where sections[index].length != length {
      throw corrupt("section \(index) has \(sections[index].length) bytes, expected \(length)")
    }
    guard sections[3].offset + sections[3].length == bytes.count else {
      throw corrupt("file is \(bytes.count) bytes, its sections end at \(sections[3].offset + sections[3].length)")
    }
    for section in sections.prefix(3) where section.offset % 8 != 0 {
      throw corrupt("a section is misaligned")
    }
    vectorsBase = base + sections[0].offset
    idsBase = base + sections[1].offset
    offsetsBase = base + sections[2].offset
    payloads = UnsafeRawBufferPointer(rebasing: bytes[sections[3].offset..<(sections[3].offset + sections[3].length)])
    self.deletionGeneration = deletionGeneration
    if deletionGeneration > 0 {
      deleted = try Self.readDeletions(
        path: directory + "/" + SegmentFormat.deletionFileName(segment: id, generation: deletionGeneration),
        count: count)
    } else {
      deleted = Bitset(count: count)
    }
    deletedCount = deleted.population
    let toCheck: [SegmentFormat.Section] = populate ? SegmentFormat.Section.allCases : [.ids, .offsets]
    for section in toCheck where !checksumMatches(section) {
      throw corrupt("\(section) section checksum mismatch")
    }
  }

  private func checksumMatches(_ section: SegmentFormat.Section) -> Bool {
    let descriptor = sections[section.rawValue]
    let bytes = UnsafeRawBufferPointer(rebasing: region.bytes[descriptor.offset..<(descriptor.offset + descriptor.length)])
    return CRC32C.checksum(bytes) == descriptor.crc
  }

  /// Checks every section's checksum.
  ///
  /// - Complexity: O(file size).
  func verify() throws(EngineError) {
    for section in SegmentFormat.Section.allCases where !checksumMatches(section) {
      throw EngineError(.corrupted, "corrupt data: \(path): \(section) section checksum mismatch")
    }
  }

  /// The number of rows not deleted.
  var liveCount: Int { count - deletedCount }

  /// Bytes of the segment file.
  var fileSize: Int { region.bytes.count }

  /// The id stored in `row`.
  func id(at row: Int) -> PointID {
    let record = idsBase + row * SegmentFormat.idRecordSize
    let kind = UInt64(littleEndian: record.loadUnaligned(as: UInt64.self))
    let high = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    let low = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
    return kind == 0 ? .number(high) : .uuid(high: high, low: low)
  }

  /// The first row whose id is not less than `id` (`count` if none).
  ///
  /// - Complexity: O(log n).
  func lowerBound(_ id: PointID) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self.id(at: middle) < id { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The row holding `id`, live or not, if any.
  ///
  /// - Complexity: O(log n).
  func row(of id: PointID) -> Int? {
    let row = lowerBound(id)
    return row < count && self.id(at: row) == id ? row : nil
  }

  /// Every row's vector, for building and searching the graph (valid while the segment lives).
  var vectors: HNSWVectors {
    HNSWVectors(base: vectorsBase, stride: stride, count: count, dimension: dimension)
  }

  /// The row's vector (`dimension` floats), valid while the segment is alive.
  func vector(at row: Int) -> UnsafePointer<Float> {
    (vectorsBase + row * stride).assumingMemoryBound(to: Float.self)
  }

  /// The row's payload.
  ///
  /// - Throws: ``EngineError`` `corrupted` when the stored bytes are damaged.
  func payload(at row: Int) throws(EngineError) -> JSONObject {
    let bytes = try payloadBytes(at: row)
    if bytes.isEmpty { return JSONObject() }
    guard case .object(let object) = try? JSONParser.parse(bytes) else {
      throw EngineError(.corrupted, "corrupt data: \(path): the payload of row \(row) is not a JSON object")
    }
    return object
  }

  /// The row's payload as compact JSON bytes (empty for `{}`).
  func payloadBytes(at row: Int) throws(EngineError) -> UnsafeRawBufferPointer {
    let start = UInt64(littleEndian: offsetsBase.loadUnaligned(fromByteOffset: row * 8, as: UInt64.self))
    let end = UInt64(littleEndian: offsetsBase.loadUnaligned(fromByteOffset: row * 8 + 8, as: UInt64.self))
    guard start <= end, end <= UInt64(payloads.count) else {
      throw EngineError(.corrupted, "corrupt data: \(path): payload offsets of row \(row) are out of range")
    }
    return UnsafeRawBufferPointer(rebasing: payloads[Int(start)..<Int(end)])
  }

  /// Whether `row` is deleted.
  func isDeleted(_ row: Int) -> Bool { deleted[row] }

  /// Marks `row` deleted.
  func delete(row: Int) {
    guard !deleted[row] else { return }
    deleted[row] = true
    deletedCount += 1
    deletionsDirty = true
  }

  /// Writes the deletion set as generation `generation` and returns its file name.
  func writeDeletions(generation: Int, in directory: String) throws(SystemError) -> String {
    var writer = ByteWriter(capacity: 32 + deleted.words.count * 8)
    writer.append(contentsOf: Array("RGOPSDEL".utf8))
    writer.append(UInt64(count))
    var body = ByteWriter(capacity: deleted.words.count * 8)
    for word in deleted.words { body.append(word) }
    writer.append(CRC32C.checksum(body.bytes))
    writer.append(UInt32(0))
    writer.append(contentsOf: body.bytes)
    let name = SegmentFormat.deletionFileName(segment: id, generation: generation)
    try DurableFile.publish(writer.bytes, as: name, in: directory)
    return name
  }

  private static func readDeletions(path: String, count: Int) throws(EngineError) -> Bitset {
    let bytes = try DurableFile.readRequired(path)
    let words = (count + 63) / 64
    guard bytes.count == 24 + words * 8, Array(bytes[0..<8]) == Array("RGOPSDEL".utf8) else {
      throw EngineError(.corrupted, "corrupt data: \(path): wrong size or magic")
    }
    let bitset: Bitset? = bytes.withUnsafeBytes { raw in
      let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
      let body = UnsafeRawBufferPointer(rebasing: raw[24...])
      guard stored == UInt64(count), CRC32C.checksum(body) == crc else { return nil }
      return Bitset(count: count, words: (0..<words).map {
        UInt64(littleEndian: body.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
      })
    }
    guard let bitset else { throw EngineError(.corrupted, "corrupt data: \(path): checksum mismatch") }
    return bitset
  }
}
