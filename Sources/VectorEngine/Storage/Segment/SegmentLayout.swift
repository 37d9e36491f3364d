/// The validated layout of a sealed segment file's bytes (``SegmentFormat``), wherever the
/// bytes are: a segment's own mapping, or a segment inside a snapshot archive.
///
/// Creating one checks everything a reader relies on before any row is read: the header and
/// its checksum, the dimension, every section inside the file with the length the count
/// implies, alignment, the ids and offsets checksums, ids strictly ascending (lookups are
/// binary searches), payload offsets starting at 0, non-decreasing and ending at the payload
/// section's end. With ``Checks/everySection`` the vectors and payloads checksums too.
import Model

struct SegmentLayout {
  /// How much of the file a validation reads.
  enum Checks {
    /// The header, ids and offsets: what opening a memory-mapped segment needs.
    case structure
    /// Also the vectors and payloads checksums: every byte of the file.
    case everySection
  }

  /// Rows.
  let count: Int
  /// Components per vector.
  let dimension: Int
  /// Bytes between consecutive vectors.
  let stride: Int
  /// Offset, length and CRC-32C of each section, in ``SegmentFormat/Section`` order.
  let sections: [(offset: Int, length: Int, crc: UInt32)]

  /// Validates `bytes`, the whole segment file at `path` (named in errors).
  ///
  /// - Complexity: O(count) for ``Checks/structure``, O(file size) for ``Checks/everySection``.
  /// - Throws: ``StorageCorruption`` naming `path` and the problem.
  init(bytes: UnsafeRawBufferPointer, path: String, expectedDimension: Int, checks: Checks) throws(StorageCorruption) {
    func corrupt(_ detail: String) -> StorageCorruption { StorageCorruption(file: path, detail: detail) }
    guard bytes.count >= SegmentFormat.headerSize else {
      throw corrupt("file is shorter than its header (\(bytes.count) bytes)")
    }
    guard Array(UnsafeRawBufferPointer(rebasing: bytes[0..<8])) == SegmentFormat.magic else {
      throw corrupt("not a segment file (bad magic)")
    }
    let storedCRC = UInt32(
      littleEndian: bytes.loadUnaligned(fromByteOffset: SegmentFormat.headerChecksumOffset, as: UInt32.self))
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<SegmentFormat.headerChecksumOffset])) == storedCRC
    else {
      throw corrupt("header checksum mismatch")
    }
    var reader = ByteReader(bytes, at: 8, context: path)
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
    let toCheck: [SegmentFormat.Section] = checks == .everySection ? SegmentFormat.Section.allCases : [.ids, .offsets]
    for section in toCheck where !Self.checksumMatches(bytes, sections[section.rawValue]) {
      throw corrupt("\(section) section checksum mismatch")
    }
    try checkOrder(bytes, path: path)
  }

  /// Whether a section's bytes have the checksum its descriptor records.
  static func checksumMatches(_ bytes: UnsafeRawBufferPointer, _ section: (offset: Int, length: Int, crc: UInt32))
    -> Bool
  {
    CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[section.offset..<(section.offset + section.length)]))
      == section.crc
  }

  /// The id in `row` of the ids section at `base`.
  static func id(_ base: UnsafeRawPointer, row: Int) -> PointID {
    let record = base + row * SegmentFormat.idRecordSize
    let kind = UInt64(littleEndian: record.loadUnaligned(as: UInt64.self))
    let high = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    let low = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
    return kind == 0 ? .number(high) : .uuid(high: high, low: low)
  }

  /// Checks the id kinds and their strict order, and the payload offsets.
  ///
  /// - Complexity: O(count).
  private func checkOrder(_ bytes: UnsafeRawBufferPointer, path: String) throws(StorageCorruption) {
    guard let base = bytes.baseAddress, count > 0 || sections[2].length > 0 else { return }
    let ids = base + sections[1].offset
    var previous: PointID?
    for row in 0..<count {
      let kind = UInt64(littleEndian: (ids + row * SegmentFormat.idRecordSize).loadUnaligned(as: UInt64.self))
      guard kind <= 1 else { throw StorageCorruption(file: path, detail: "row \(row) has an unknown id kind \(kind)") }
      let id = Self.id(ids, row: row)
      if let previous, !(previous < id) {
        throw StorageCorruption(file: path, detail: "ids are not strictly ascending at row \(row)")
      }
      previous = id
    }
    let offsets = base + sections[2].offset
    var last: UInt64 = 0
    for row in 0...count {
      let offset = UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: row * 8, as: UInt64.self))
      guard row > 0 || offset == 0, offset >= last else {
        throw StorageCorruption(file: path, detail: "payload offsets are not non-decreasing from 0 at row \(row)")
      }
      last = offset
    }
    guard last == UInt64(sections[3].length) else {
      throw StorageCorruption(
        file: path, detail: "payload offsets end at \(last), the payload section has \(sections[3].length) bytes")
    }
  }
}
