@testable import VectorEngine

/// Rewrites the checksums of a mutated engine file so that its other fields get exercised.
///
/// Every engine file guards its bytes with CRC-32C (and snapshots with SHA-256), so almost
/// every mutation a fuzzer makes is refused at the first checksum. The binary targets
/// therefore run each input twice: as it is (the checksum checks themselves) and after this
/// repair, which models a crafted file whose checksums are valid, the threat the readers
/// must withstand. Each repair recomputes only what the format says the checksum covers,
/// reading offsets and lengths from the input as the reader would, and leaves everything else
/// alone; fields it cannot locate are left as they are.
enum ChecksumRepair {
  /// A file with a 192-byte header whose CRC-32C is at 188, and four section descriptors
  /// (u64 offset, u64 length, u32 CRC-32C, u32 zero) from `table`: segments (`table` 32) and
  /// HNSW graphs (`table` 48).
  static func sectionedFile(_ input: [UInt8], table: Int) -> [UInt8] {
    var bytes = input
    guard bytes.count >= 192 else { return bytes }
    for section in 0..<4 {
      let descriptor = table + 24 * section
      guard let offset = FuzzBytes.uint64(bytes, at: descriptor),
        let length = FuzzBytes.uint64(bytes, at: descriptor + 8),
        let range = FuzzBytes.range(bytes, offset: offset, length: length)
      else { continue }
      FuzzBytes.store(CRC32C.checksum(Array(bytes[range])), in: &bytes, at: descriptor + 16)
    }
    FuzzBytes.store(CRC32C.checksum(Array(bytes[0..<188])), in: &bytes, at: 188)
    return bytes
  }

  /// A write-ahead log file: the header's CRC-32C (bytes 0..<28, stored at 28) and each
  /// record's (seeded with the header's seed, over the length field and the body), following
  /// the records' own lengths until one does not fit.
  static func writeAheadLog(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    guard bytes.count >= WriteAheadLog.headerSize, let seed = FuzzBytes.uint32(bytes, at: 12) else {
      return bytes
    }
    FuzzBytes.store(CRC32C.checksum(Array(bytes[0..<28])), in: &bytes, at: 28)
    var offset = WriteAheadLog.headerSize
    while let length = FuzzBytes.uint32(bytes, at: offset), length >= 8,
      Int(length) <= bytes.count - offset - 8
    {
      let lengthCRC = CRC32C.checksum(Array(bytes[offset..<offset + 4]), seed: seed)
      let body = Array(bytes[(offset + 8)..<(offset + 8 + Int(length))])
      FuzzBytes.store(CRC32C.checksum(body, seed: lengthCRC), in: &bytes, at: offset + 4)
      offset = (offset + 8 + Int(length) + 7) & ~7
    }
    return bytes
  }

  /// A file of a 16-byte header then a body, whose u32 length and CRC-32C of the body are at
  /// `lengthAt` and `crcAt`: `MANIFEST` (16 bytes, 8, 12) and payload index files (32, 28, 24).
  static func headedBody(_ input: [UInt8], headerSize: Int, lengthAt: Int?, crcAt: Int) -> [UInt8] {
    var bytes = input
    guard bytes.count >= headerSize else { return bytes }
    let body = Array(bytes[headerSize...])
    if let lengthAt {
      FuzzBytes.store(UInt32(truncatingIfNeeded: body.count), in: &bytes, at: lengthAt)
    }
    FuzzBytes.store(CRC32C.checksum(body), in: &bytes, at: crcAt)
    return bytes
  }

  /// A deletion file: the CRC-32C of the bitset words (bytes 24…), stored at 16.
  static func deletionFile(_ input: [UInt8]) -> [UInt8] {
    headedBody(input, headerSize: 24, lengthAt: nil, crcAt: 16)
  }
}
