import Foundation
import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

/// Damaged data-directory files give a clear error or are recovered; they never crash.
struct CorruptionTests {
  /// Builds a small collection with sealed segments, deletions, an index and a WAL tail.
  private func makeCollection(_ directory: String) throws {
    var generator = SeededGenerator(seed: 99)
    let database = try Database(directory: directory)
    let collection = try database.createCollection(
      "c", config: CollectionConfig(dimension: 4, distance: .cosine, segmentPoints: 20))
    try collection.upsert(
      (0..<30).map {
        PointStruct(
          id: .number(UInt64($0)), vector: randomVector(4, using: &generator), payload: ["k": .string("v\($0 % 3)")])
      })
    try collection.createPayloadIndex(field: "k", type: .keyword)
    try collection.delete(.ids([.number(3), .number(25)]))
    try collection.flush()
    try collection.upsert(
      (30..<36).map { PointStruct(id: .number(UInt64($0)), vector: randomVector(4, using: &generator)) })
    try database.createAlias("a", for: "c")
  }

  /// Opens the database and reads everything; returns the error kind if it failed.
  private func openAndRead(_ directory: String) -> StoreError.Kind? {
    do {
      let database = try Database(directory: directory)
      // Closed here, not on release: background work may hold the store a moment longer,
      // and the next round must find the directory unlocked.
      defer { try? database.close() }
      let collection = try database.collection("c")
      _ = try collection.count()
      _ = try collection.count(filter: Filter(must: [.field(key: "k", .matchValue("v1"))]))
      var offset: PointID?
      repeat {
        let page = try collection.scroll(offset: offset, limit: 50, withPayload: true, withVector: true)
        offset = page.nextPageOffset
      } while offset != nil
      _ = try collection.search(SearchRequest(query: .vector([1, 0, 0, 0]), limit: 5, exact: true))
      return nil
    } catch {
      return error.kind
    }
  }

  private func files(_ directory: String) throws -> [String] {
    let collection = directory + "/collections/c"
    return try System.listDirectory(collection).map { collection + "/" + $0 } + [directory + "/aliases.json"]
  }

  @Test func everyTruncationOfEveryFileIsAnErrorOrRecovered() throws {
    let pristine = TemporaryDirectory()
    try makeCollection(pristine.path)
    #expect(openAndRead(pristine.path) == nil)
    for file in try files(pristine.path) {
      let original = try #require(FileManager.default.contents(atPath: file))
      let cuts = Set(
        stride(from: 0, to: original.count, by: max(1, original.count / 40)).map { $0 } + [original.count - 1])
      for cut in cuts.sorted() {
        try original.prefix(cut).write(to: URL(fileURLWithPath: file))
        let outcome = openAndRead(pristine.path)
        let name = URL(fileURLWithPath: file).lastPathComponent
        let removedOnlyWhitespace = original.suffix(from: cut).allSatisfy { $0 == 0x0A || $0 == 0x20 }
        if name.hasPrefix("wal-") && cut < WriteAheadLog.headerSize {
          // Log files are published whole: one without its header is damage, never "torn".
          #expect(outcome == .corrupted, "\(name) cut inside its header at \(cut) gave \(String(describing: outcome))")
        } else if name == "aliases.json" && !removedOnlyWhitespace {
          // A damaged aliases file is reported; the collections stay readable.
          #expect(outcome == nil, "a damaged \(name) cut at \(cut) broke reading the collection")
          let database = try Database(directory: pristine.path, readOnly: true)
          #expect(database.problems.contains { $0.contains("aliases.json") })
          #expect(throws: StoreError.self) { _ = try database.aliases() }
        } else if name.contains(".idx-") || name.hasSuffix(".hnsw") {
          // Derived data: rebuilt from the segment on a writable open.
          #expect(outcome == nil, "a damaged \(name) cut at \(cut) was not rebuilt")
        } else if name.hasPrefix("wal-") || removedOnlyWhitespace {
          #expect(outcome == nil, "a torn WAL (\(name) cut at \(cut)) must be recovered")
        } else {
          #expect(
            outcome == .corrupted,
            "\(name) of \(original.count) bytes cut at \(cut) gave \(String(describing: outcome))")
        }
        try original.write(to: URL(fileURLWithPath: file))
      }
    }
  }

  @Test func bitFlipsInHeadersAndChecksummedDataAreReported() throws {
    let pristine = TemporaryDirectory()
    try makeCollection(pristine.path)
    var generator = SeededGenerator(seed: 5)
    for file in try files(pristine.path) {
      let original = try #require(FileManager.default.contents(atPath: file))
      let name = URL(fileURLWithPath: file).lastPathComponent
      for _ in 0..<60 {
        var damaged = original
        let offset = Int.random(in: 0..<damaged.count, using: &generator)
        damaged[offset] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
        try damaged.write(to: URL(fileURLWithPath: file))
        let outcome = openAndRead(pristine.path)
        // Vector bytes of an mmap'd segment are verified by `collection verify`, not on open,
        // so a flip there may read back as a different float; anything else must be caught.
        if outcome != nil {
          #expect(outcome == .corrupted, "\(name) flipped at \(offset) gave \(String(describing: outcome))")
        }
        try original.write(to: URL(fileURLWithPath: file))
      }
    }
  }

  @Test func verifyFindsAFlipInSegmentVectors() throws {
    let directory = TemporaryDirectory()
    try makeCollection(directory.path)
    let segment = try #require(try files(directory.path).first { $0.hasSuffix(".seg") })
    var bytes = try #require(FileManager.default.contents(atPath: segment))
    bytes[SegmentFormat.headerSize + 5] ^= 0x10
    try bytes.write(to: URL(fileURLWithPath: segment))
    let collection = try Database(directory: directory.path).collection("c")
    #expect {
      try collection.verify()
    } throws: { error in
      (error as? StoreError)?.kind == .corrupted && "\(error)".contains("vectors section checksum mismatch")
    }
  }
}
