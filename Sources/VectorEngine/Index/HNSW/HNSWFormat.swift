// HNSW graph file format (`seg-<id>.hnsw`), version 1, little-endian, immutable.
//
//   0    magic "RGOPSHNS"
//   8    u32 format version (1)
//   12   u32 metric (0 inner product, 1 squared Euclidean)
//   16   u32 m   (links per upper-level list)
//   20   u32 m0  (links per level-0 list)
//   24   u32 efConstruct
//   28   u32 maximum level (0 when empty)
//   32   u64 node count (= the segment's row count)
//   40   u32 entry point (0xFFFF_FFFF when empty)
//   44   u32 upper slot count (the sum of all node levels)
//   48   4 section descriptors, 24 bytes each: u64 offset, u64 length, u32 CRC-32C, u32 0
//        0 levels        count × u8: each node's top level
//        1 level 0       count × (1 + m0) × u32: link count, then m0 rows (unused: 0)
//        2 upper offsets count × u32: the node's first upper slot (0xFFFF_FFFF at level 0)
//        3 upper links   upperSlots × (1 + m) × u32; node n's level-l list (l ≥ 1) is slot
//                        upperOffsets[n] + l − 1; slots are assigned in row order
//   144  reserved (zero)
//   188  u32 CRC-32C of bytes 0..<188
//
// Sections follow the header in order, each at the next multiple of 64, with zero padding
// between them; the file ends where the last section ends. Every byte is therefore covered
// by the header checksum, a section checksum or the zero-padding check.
//
// Invariants checked on decode: all of the above (exact layout, checksums, zero padding and
// reserved bytes), plus the graph's structure (`HNSWLinkStorage.structuralProblem`): counts
// within m0 / m, rows < node count, no self or duplicate links, neighbours present on the
// list's level, levels ≤ maximum level ≤ `maximumLevel`, the entry point at the maximum level.

/// Constants and layout of the HNSW graph file.
enum HNSWFormat {
  /// The file's first 8 bytes.
  static let magic: [UInt8] = Array("RGOPSHNS".utf8)
  /// The format version written and read.
  static let version: UInt32 = 1
  /// Bytes before the first section.
  static let headerSize = 192
  /// Where the header checksum is; it covers the bytes before it.
  static let headerChecksumOffset = 188
  /// Where the section descriptors start.
  static let sectionTableOffset = 48
  /// Bytes per section descriptor.
  static let sectionDescriptorSize = 24
  /// Where the reserved zero bytes start (up to the header checksum).
  static let reservedOffset = 144
  /// Sections start at multiples of this.
  static let sectionAlignment = 64
  /// The entry point field of an empty graph; also the upper offset of a level-0 node.
  static let none = UInt32.max
  /// The highest level a node may have.
  static let maximumLevel = 31
  /// The number of sections.
  static let sectionCount = 4

  /// Where each section starts and how long it is, for a graph of this shape; `nil` when a
  /// size does not fit in `Int`.
  ///
  /// - Complexity: O(1).
  static func layout(count: Int, m: Int, m0: Int, upperSlots: Int) -> [(offset: Int, length: Int)]? {
    func product(_ factors: Int...) -> Int? {
      var result = 1
      for factor in factors {
        let (value, overflow) = result.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        result = value
      }
      return result
    }
    guard let levels = product(count, 1), let level0 = product(count, 1 + m0, 4),
      let offsets = product(count, 4), let upper = product(upperSlots, 1 + m, 4)
    else { return nil }
    var sections: [(offset: Int, length: Int)] = []
    var offset = headerSize
    for length in [levels, level0, offsets, upper] {
      sections.append((offset, length))
      let (end, overflow) = offset.addingReportingOverflow(length)
      guard !overflow, end <= Int.max - sectionAlignment else { return nil }
      offset = (end + sectionAlignment - 1) / sectionAlignment * sectionAlignment
    }
    return sections
  }
}
