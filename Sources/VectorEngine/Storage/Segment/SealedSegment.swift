/// A read-only, memory-mapped segment file plus its in-memory deletion set.
///
/// Rows are sorted by id, so lookups are binary searches on the mapping and opening a
/// segment never visits its points.
import Model

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
  /// - Throws: ``StoreError`` (`corrupted` with the file and the problem).
  init(
    id: Int, directory: String, expectedDimension: Int, populate: Bool,
    deletionGeneration: Int
  ) throws(StoreError) {
    self.id = id
    path = directory + "/" + SegmentFormat.fileName(segment: id)
    do {
      region = try MappedRegion(path: path, populate: populate)
    } catch {
      if error.code == System.errnoNotFound {
        throw StoreError(.corrupted, "corrupt data: \(path) is missing")
      }
      throw StoreError.from(error)
    }
    let bytes = region.bytes
    let layout: SegmentLayout
    do {
      layout = try SegmentLayout(
        bytes: bytes, path: path, expectedDimension: expectedDimension, checks: populate ? .everySection : .structure)
    } catch {
      throw StoreError.from(error)
    }
    guard let base = bytes.baseAddress else { throw StoreError(.corrupted, "corrupt data: \(path): the file is empty") }
    dimension = layout.dimension
    count = layout.count
    stride = layout.stride
    sections = layout.sections
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
  }

  private func checksumMatches(_ section: SegmentFormat.Section) -> Bool {
    SegmentLayout.checksumMatches(region.bytes, sections[section.rawValue])
  }

  /// Checks every section's checksum.
  ///
  /// - Complexity: O(file size).
  func verify() throws(StoreError) {
    for section in SegmentFormat.Section.allCases where !checksumMatches(section) {
      throw StoreError(.corrupted, "corrupt data: \(path): \(section) section checksum mismatch")
    }
  }

  /// What a background scrub of this segment's file reads and checks.
  var scrub: SegmentScrub { SegmentScrub(path: path, sections: sections) }

  /// The number of rows not deleted.
  var liveCount: Int { count - deletedCount }

  /// Bytes of the segment file.
  var fileSize: Int { region.bytes.count }

  /// The id stored in `row`.
  func id(at row: Int) -> PointID {
    SegmentLayout.id(idsBase, row: row)
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
  /// - Throws: ``StoreError`` `corrupted` when the stored bytes are damaged.
  func payload(at row: Int) throws(StoreError) -> JSONObject {
    let bytes = try payloadBytes(at: row)
    if bytes.isEmpty { return JSONObject() }
    guard case .object(let object) = try? JSONParser.parse(bytes) else {
      throw StoreError(.corrupted, "corrupt data: \(path): the payload of row \(row) is not a JSON object")
    }
    return object
  }

  /// The row's payload as compact JSON bytes (empty for `{}`).
  func payloadBytes(at row: Int) throws(StoreError) -> UnsafeRawBufferPointer {
    let start = UInt64(littleEndian: offsetsBase.loadUnaligned(fromByteOffset: row * 8, as: UInt64.self))
    let end = UInt64(littleEndian: offsetsBase.loadUnaligned(fromByteOffset: row * 8 + 8, as: UInt64.self))
    guard start <= end, end <= UInt64(payloads.count) else {
      throw StoreError(.corrupted, "corrupt data: \(path): payload offsets of row \(row) are out of range")
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

  private static func readDeletions(path: String, count: Int) throws(StoreError) -> Bitset {
    let bytes = try DurableFile.readRequired(path)
    do {
      return try bytes.withUnsafeBytes { raw throws(StorageCorruption) in
        try decodeDeletions(raw, path: path, count: count)
      }
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Decodes and validates a deletion file (`RGOPSDEL`, u64 row count, u32 CRC-32C, u32 0,
  /// then the bitset's words) for a segment of `count` rows.
  ///
  /// Bits past `count` in the last word must be zero: they are not rows, and a set one would
  /// make the deleted count wrong.
  ///
  /// - Complexity: O(count / 64).
  /// - Throws: ``StorageCorruption`` naming `path`.
  static func decodeDeletions(_ raw: UnsafeRawBufferPointer, path: String, count: Int) throws(StorageCorruption)
    -> Bitset
  {
    let words = (count + 63) / 64
    guard raw.count == 24 + words * 8, Array(UnsafeRawBufferPointer(rebasing: raw[0..<8])) == Array("RGOPSDEL".utf8)
    else {
      throw StorageCorruption(file: path, detail: "wrong size or magic")
    }
    let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    let body = UnsafeRawBufferPointer(rebasing: raw[24...])
    guard stored == UInt64(count) else {
      throw StorageCorruption(file: path, detail: "it is for \(stored) rows, the segment has \(count)")
    }
    guard CRC32C.checksum(body) == crc else { throw StorageCorruption(file: path, detail: "checksum mismatch") }
    let values = (0..<words).map { UInt64(littleEndian: body.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
    if let last = values.last, count % 64 != 0, last >> UInt64(count % 64) != 0 {
      throw StorageCorruption(file: path, detail: "bits past the last row are set")
    }
    return Bitset(count: count, words: values)
  }
}
