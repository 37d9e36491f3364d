// Sealed segment file format (`seg-<id>.seg`), little-endian, fixed-width, immutable.
//
//   0    magic "RGOPSSEG"
//   8    u32 format version (1)
//   12   u32 dimension
//   16   u64 point count
//   24   u32 vector stride in bytes (dimension × 4 rounded up to 32)
//   28   u32 flags (bit 0: vectors are normalized for cosine)
//   32   4 section descriptors, 24 bytes each: u64 offset, u64 length, u32 CRC-32C, u32 0
//        0 vectors   count × stride, row-major
//        1 ids       count × 24: u64 kind (0 number, 1 UUID), u64 high/number, u64 low;
//                    strictly ascending in PointID order: row r holds the r-th smallest id
//        2 offsets   (count + 1) × u64 payload offsets into section 3, non-decreasing
//        3 payloads  compact JSON objects, one per row, empty for `{}`
//   128  reserved (zero)
//   188  u32 CRC-32C of bytes 0..<188
//
// Sections start at multiples of 64, so vectors are cache-line aligned in the mapping.
// Invariants (checked on open unless marked lazy): header checksum; every section inside the
// file; section lengths agree with count and stride; ids and offsets checksums; vectors and
// payload checksums (on open in `memory` mode, by `verify()` otherwise); ids ascending and
// offsets non-decreasing (lazy: each access is bounds-checked, so damage is an error).

/// Constants of the sealed segment format.
enum SegmentFormat {
  static let magic: [UInt8] = Array("RGOPSSEG".utf8)
  static let version: UInt32 = 1
  static let headerSize = 192
  static let headerChecksumOffset = 188
  static let idRecordSize = 24
  static let sectionAlignment = 64
  static let flagNormalized: UInt32 = 1

  /// The bytes between consecutive vectors.
  static func stride(forDimension dimension: Int) -> Int {
    (dimension * 4 + 31) & ~31
  }

  static func fileName(segment id: Int) -> String {
    let digits = String(id)
    return "seg-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".seg"
  }

  static func deletionFileName(segment id: Int, generation: Int) -> String {
    let digits = String(id)
    return "seg-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".del-" + String(generation)
  }

  /// The section descriptors in order.
  enum Section: Int, CaseIterable {
    case vectors = 0, ids, offsets, payloads
  }
}
