import TestSupport
import Testing
@testable import VectorEngine

/// The HNSW graph file: round trips, and damaged or forged bytes rejected without a crash.
struct HNSWGraphCodingTests {
  private func decode(_ bytes: [UInt8], rowCount: Int) throws -> HNSWGraph {
    try bytes.withUnsafeBytes { try HNSWGraph(decoding: $0, rowCount: rowCount, path: "graph.hnsw") }
  }

  /// Recomputes every section checksum and the header checksum, so forged contents reach
  /// the structural checks.
  private func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    for section in 0..<HNSWFormat.sectionCount {
      let descriptor = HNSWFormat.sectionTableOffset + section * HNSWFormat.sectionDescriptorSize
      let offset = Int(readU64(bytes, descriptor))
      let length = Int(readU64(bytes, descriptor + 8))
      guard offset + length <= bytes.count else { continue }
      writeU32(&bytes, descriptor + 16, CRC32C.checksum(Array(bytes[offset..<(offset + length)])))
    }
    writeU32(
      &bytes, HNSWFormat.headerChecksumOffset, CRC32C.checksum(Array(bytes[0..<HNSWFormat.headerChecksumOffset])))
    return bytes
  }

  private func readU64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
    (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
  }

  private func readU32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
  }

  private func writeU32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
    for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
  }

  private func sectionOffset(_ bytes: [UInt8], _ section: Int) -> Int {
    Int(readU64(bytes, HNSWFormat.sectionTableOffset + section * HNSWFormat.sectionDescriptorSize))
  }

  @Test func roundTripGivesIdenticalSearches() throws {
    let data = HNSWFixtures.cosineData
    let graph = HNSWFixtures.cosineGraph
    let bytes = graph.encoded
    let decoded = try decode(bytes, rowCount: data.count)
    #expect(decoded.encoded == bytes)
    #expect(decoded.metric == graph.metric && decoded.m == graph.m && decoded.m0 == graph.m0)
    #expect(decoded.efConstruct == graph.efConstruct && decoded.entryPoint == graph.entryPoint)
    #expect(decoded.statistics.nodesPerLevel == graph.statistics.nodesPerLevel)
    for query in data.queries {
      let original = data.search(graph, query, k: 10, ef: 48)
      let reloaded = data.search(decoded, query, k: 10, ef: 48)
      #expect(original.map(\.row) == reloaded.map(\.row))
      #expect(original.map(\.distance) == reloaded.map(\.distance))
      let filteredOriginal = data.search(graph, query, k: 10, ef: 48, accept: { $0 % 4 != 1 })
      let filteredReloaded = data.search(decoded, query, k: 10, ef: 48, accept: { $0 % 4 != 1 })
      #expect(filteredOriginal.map(\.row) == filteredReloaded.map(\.row))
    }
  }

  @Test func headerFieldsAreWhereTheFormatSays() {
    let graph = HNSWFixtures.smallGraph
    let bytes = graph.encoded
    #expect(Array(bytes[0..<8]) == Array("RGOPSHNS".utf8))
    #expect(readU32(bytes, 8) == 1)
    #expect(readU32(bytes, 12) == HNSWMetric.squaredL2.rawValue)
    #expect(readU32(bytes, 16) == 6 && readU32(bytes, 20) == 12 && readU32(bytes, 24) == 40)
    #expect(readU64(bytes, 32) == 300)
    #expect(readU32(bytes, 40) == UInt32(graph.entryPoint))
    for section in 0..<HNSWFormat.sectionCount { #expect(sectionOffset(bytes, section) % 64 == 0) }
  }

  @Test func everyTruncationIsRejected() {
    let bytes = HNSWFixtures.smallGraph.encoded
    let rowCount = HNSWFixtures.smallData.count
    for cut in Array(0...HNSWFormat.headerSize + 8)
      + Array(Swift.stride(from: HNSWFormat.headerSize, to: bytes.count, by: 7))
      + [bytes.count - 1]
    {
      #expect(throws: StorageCorruption.self, "cut at \(cut)") {
        try decode(Array(bytes.prefix(cut)), rowCount: rowCount)
      }
    }
    #expect(throws: StorageCorruption.self) { try decode(bytes + [0], rowCount: rowCount) }
  }

  @Test func everyBitFlipIsRejected() {
    let bytes = HNSWFixtures.smallGraph.encoded
    let rowCount = HNSWFixtures.smallData.count
    for position in 0..<bytes.count {
      var damaged = bytes
      damaged[position] ^= 1 << UInt8(position % 8)
      #expect(throws: StorageCorruption.self, "bit \(position % 8) of byte \(position)") {
        try decode(damaged, rowCount: rowCount)
      }
    }
  }

  @Test func wrongRowCountIsRejected() {
    let bytes = HNSWFixtures.smallGraph.encoded
    for rowCount in [0, 299, 301, -1, Int.max] {
      #expect(throws: StorageCorruption.self) { try decode(bytes, rowCount: rowCount) }
    }
  }

  @Test func forgedStructureIsRejected() throws {
    let graph = HNSWFixtures.smallGraph
    let bytes = graph.encoded
    let rowCount = HNSWFixtures.smallData.count
    #expect(throws: Never.self) { try decode(resealed(bytes), rowCount: rowCount) }
    let level0 = sectionOffset(bytes, 1)
    let slot = (1 + graph.m0) * 4
    // Node 5's first link out of range, then pointing at itself, then duplicated.
    var outOfRange = bytes
    writeU32(&outOfRange, level0 + 5 * slot + 4, 300)
    var selfLink = bytes
    writeU32(&selfLink, level0 + 5 * slot + 4, 5)
    var duplicate = bytes
    writeU32(&duplicate, level0 + 5 * slot + 8, readU32(bytes, level0 + 5 * slot + 4))
    var tooMany = bytes
    writeU32(&tooMany, level0 + 5 * slot, UInt32(graph.m0 + 1))
    var tooHigh = bytes
    tooHigh[sectionOffset(bytes, 0) + 5] = UInt8(graph.maxLevel + 1)
    var entry = bytes
    let lowNode = (0..<rowCount).first { graph.level(of: $0) < graph.maxLevel } ?? 0
    writeU32(&entry, 40, UInt32(lowNode))
    var reserved = bytes
    reserved[150] = 1
    var padding = bytes
    padding[sectionOffset(bytes, 1) - 1] = 1
    var metric = bytes
    writeU32(&metric, 12, 7)
    var version = bytes
    writeU32(&version, 8, 2)
    var hugeCount = bytes
    writeU32(&hugeCount, 44, UInt32.max)
    // A duplicated level-0 link is harmless to search, so loading accepts it (checking every
    // level-0 link for duplicates costs a cache miss per link on large graphs); the full
    // invariant check still reports it.
    let loaded = try decode(resealed(duplicate), rowCount: rowCount)
    #expect(loaded.invariantViolation() != nil)
    _ = HNSWFixtures.smallData.search(loaded, HNSWFixtures.smallData.queries[0], k: 5, ef: 16)
    for (name, forged) in [
      ("out of range", outOfRange), ("self link", selfLink),
      ("too many links", tooMany), ("level above maximum", tooHigh), ("entry not on top", entry),
      ("reserved", reserved), ("metric", metric), ("version", version),
      ("upper slot count", hugeCount),
    ] {
      #expect(throws: StorageCorruption.self, "\(name)") { try decode(resealed(forged), rowCount: rowCount) }
    }
    // Padding is not covered by a checksum; only the zero check catches it.
    #expect(throws: StorageCorruption.self) { try decode(resealed(padding), rowCount: rowCount) }
  }

  @Test func randomForgeriesNeverCrash() {
    let data = HNSWFixtures.smallData
    let bytes = HNSWFixtures.smallGraph.encoded
    var generator = SeededGenerator(seed: 77)
    var accepted = 0
    for _ in 0..<400 {
      var forged = bytes
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let position = Int.random(in: 8..<bytes.count, using: &generator)
        guard position < HNSWFormat.headerChecksumOffset || position >= HNSWFormat.headerSize else { continue }
        forged[position] = UInt8.random(in: 0...255, using: &generator)
      }
      guard let graph = try? decode(resealed(forged), rowCount: data.count) else { continue }
      accepted += 1
      // Whatever passed validation can be searched safely; beyond the load checks, only
      // duplicated level-0 links (harmless) may remain for the full invariant check to find.
      let violation = graph.invariantViolation()
      #expect(violation == nil || violation?.contains("twice") == true, "\(violation ?? "")")
      _ = data.search(graph, data.queries[0], k: 5, ef: 16)
    }
    #expect(accepted < 400)
  }
}
