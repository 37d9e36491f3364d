extension HNSWGraph {
  /// The graph file's bytes (``HNSWFormat``).
  ///
  /// - Complexity: O(count · m0).
  var encoded: [UInt8] {
    guard let sections = HNSWFormat.layout(count: count, m: m, m0: m0, upperSlots: storage.upperSlotCount),
      let last = sections.last
    else {
      preconditionFailure("HNSW graph too large to encode")
    }
    var bytes = [UInt8](repeating: 0, count: last.offset + last.length)
    bytes.withUnsafeMutableBytes { raw in
      let levels = sections[0].offset
      for node in 0..<count { raw[levels + node] = storage.levels[node] }
      Self.store(storage.level0, words: count * storage.level0Words, into: raw, at: sections[1].offset)
      Self.store(storage.upperOffsets, words: count, into: raw, at: sections[2].offset)
      Self.store(storage.upper, words: storage.upperSlotCount * storage.upperWords, into: raw, at: sections[3].offset)

      var header = ByteWriter(capacity: HNSWFormat.headerSize)
      header.append(contentsOf: HNSWFormat.magic)
      header.append(HNSWFormat.version)
      header.append(metric.rawValue)
      header.append(UInt32(m))
      header.append(UInt32(m0))
      header.append(UInt32(efConstruct))
      header.append(UInt32(maxLevel))
      header.append(UInt64(count))
      header.append(entryPoint < 0 ? HNSWFormat.none : UInt32(entryPoint))
      header.append(UInt32(storage.upperSlotCount))
      for section in sections {
        header.append(UInt64(section.offset))
        header.append(UInt64(section.length))
        header.append(
          CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[section.offset..<(section.offset + section.length)])))
        header.append(UInt32(0))
      }
      header.pad(to: HNSWFormat.headerChecksumOffset)
      header.append(header.checksum(0..<HNSWFormat.headerChecksumOffset))
      header.pad(to: HNSWFormat.headerSize)
      raw.copyBytes(from: header.bytes)
    }
    return bytes
  }

  /// Writes `words` u32 values little-endian at `offset`.
  ///
  /// - Complexity: O(words).
  private static func store(
    _ source: UnsafePointer<UInt32>, words: Int, into raw: UnsafeMutableRawBufferPointer,
    at offset: Int
  ) {
    for index in 0..<words {
      raw.storeBytes(of: source[index].littleEndian, toByteOffset: offset + index * 4, as: UInt32.self)
    }
  }

  /// Reads and validates a graph file.
  ///
  /// Checks everything the format promises (``HNSWFormat``): size and layout, magic and
  /// version, header and section checksums, zero padding, field ranges, that the file has
  /// `rowCount` nodes, and the graph's structure; any failure is an error naming the
  /// problem, never a trap. The bytes are copied (O(size)), so the caller may unmap them
  /// afterwards.
  ///
  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - rowCount: the number of rows of the segment the graph belongs to.
  ///   - path: the file, for error messages.
  /// - Throws: ``StorageCorruption`` naming `path` and the problem.
  /// - Complexity: O(size + count · m0).
  convenience init(decoding bytes: UnsafeRawBufferPointer, rowCount: Int, path: String) throws(StorageCorruption) {
    func corrupt(_ detail: String) -> StorageCorruption { StorageCorruption(file: path, detail: detail) }
    guard bytes.count >= HNSWFormat.headerSize else {
      throw corrupt("file is shorter than its header (\(bytes.count) bytes)")
    }
    guard Array(UnsafeRawBufferPointer(rebasing: bytes[0..<8])) == HNSWFormat.magic else {
      throw corrupt("not an HNSW graph file (bad magic)")
    }
    let storedHeaderCRC = UInt32(
      littleEndian: bytes.loadUnaligned(fromByteOffset: HNSWFormat.headerChecksumOffset, as: UInt32.self))
    guard
      CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<HNSWFormat.headerChecksumOffset])) == storedHeaderCRC
    else {
      throw corrupt("header checksum mismatch")
    }
    var reader = ByteReader(bytes, at: 8, context: path)
    let version = try reader.readUInt32()
    guard version == HNSWFormat.version else { throw corrupt("unsupported HNSW graph version \(version)") }
    let metricCode = try reader.readUInt32()
    guard let metric = HNSWMetric(rawValue: metricCode) else { throw corrupt("unknown metric code \(metricCode)") }
    let m = Int(try reader.readUInt32())
    let m0 = Int(try reader.readUInt32())
    let efConstruct = Int(try reader.readUInt32())
    let maxLevel = Int(try reader.readUInt32())
    let count = try reader.readUInt64()
    let entryPoint = try reader.readUInt32()
    let upperSlots = Int(try reader.readUInt32())
    guard m >= 2, m <= HNSWParameters.maximumM, m0 >= m, m0 <= 2 * HNSWParameters.maximumM else {
      throw corrupt("link limits m = \(m), m0 = \(m0) are out of range")
    }
    guard efConstruct >= 1 else { throw corrupt("efConstruct is 0") }
    guard rowCount >= 0, rowCount < Int(Int32.max), count == UInt64(rowCount) else {
      throw corrupt("graph has \(count) nodes, the segment has \(rowCount) rows")
    }
    guard maxLevel <= HNSWFormat.maximumLevel else { throw corrupt("maximum level \(maxLevel) is out of range") }
    if rowCount == 0 {
      guard entryPoint == HNSWFormat.none, maxLevel == 0, upperSlots == 0 else {
        throw corrupt("an empty graph has an entry point or levels")
      }
    } else {
      guard entryPoint < UInt32(rowCount) else { throw corrupt("entry point \(entryPoint) is out of range") }
      guard upperSlots <= rowCount * maxLevel else {
        throw corrupt("\(upperSlots) upper-level lists exceed \(rowCount) nodes × \(maxLevel) levels")
      }
    }
    guard let sections = HNSWFormat.layout(count: rowCount, m: m, m0: m0, upperSlots: upperSlots),
      let last = sections.last
    else {
      throw corrupt("section sizes overflow")
    }
    var checksums: [UInt32] = []
    for (index, expected) in sections.enumerated() {
      let offset = try reader.readUInt64()
      let length = try reader.readUInt64()
      checksums.append(try reader.readUInt32())
      let reserved = try reader.readUInt32()
      guard offset == UInt64(expected.offset), length == UInt64(expected.length), reserved == 0 else {
        throw corrupt(
          "section \(index) is at \(offset) with \(length) bytes, expected \(expected.offset) with \(expected.length)")
      }
    }
    guard bytes[HNSWFormat.reservedOffset..<HNSWFormat.headerChecksumOffset].allSatisfy({ $0 == 0 }) else {
      throw corrupt("reserved header bytes are not zero")
    }
    guard bytes.count == last.offset + last.length else {
      throw corrupt("file is \(bytes.count) bytes, its sections end at \(last.offset + last.length)")
    }
    var paddingStart = HNSWFormat.headerSize
    for (index, section) in sections.enumerated() {
      guard bytes[paddingStart..<section.offset].allSatisfy({ $0 == 0 }) else {
        throw corrupt("padding before section \(index) is not zero")
      }
      paddingStart = section.offset + section.length
      let body = UnsafeRawBufferPointer(rebasing: bytes[section.offset..<paddingStart])
      guard CRC32C.checksum(body) == checksums[index] else { throw corrupt("section \(index) checksum mismatch") }
    }

    // Copy, then validate the copy (the mapping could change under us; the copy cannot).
    let levels = HNSWLinkStorage.allocateWords(UInt8.self, rowCount)
    for node in 0..<rowCount { levels[node] = bytes[sections[0].offset + node] }
    let storage = HNSWLinkStorage(
      count: rowCount, m: m, m0: m0, upperSlotCount: upperSlots, levels: levels,
      level0: Self.load(bytes, at: sections[1].offset, words: rowCount * (1 + m0)),
      upperOffsets: Self.load(bytes, at: sections[2].offset, words: rowCount),
      upper: Self.load(bytes, at: sections[3].offset, words: upperSlots * (1 + m)))
    let entry = rowCount == 0 ? Int32(-1) : Int32(entryPoint)
    if let problem = storage.structuralProblem(entryPoint: entry, maxLevel: maxLevel, thorough: false) {
      storage.deallocate()
      throw corrupt(problem)
    }
    self.init(
      metric: metric, m: m, m0: m0, efConstruct: efConstruct, storage: storage, entryPoint: entry,
      maxLevel: maxLevel)
  }

  /// Copies `words` little-endian u32 values from `offset` into a new aligned buffer.
  ///
  /// - Complexity: O(words).
  private static func load(_ bytes: UnsafeRawBufferPointer, at offset: Int, words: Int) -> UnsafeMutablePointer<UInt32>
  {
    let buffer = HNSWLinkStorage.allocateWords(UInt32.self, words)
    for index in 0..<words {
      buffer[index] = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + index * 4, as: UInt32.self))
    }
    return buffer
  }
}
