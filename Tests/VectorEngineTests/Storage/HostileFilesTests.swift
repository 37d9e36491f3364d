import Foundation
import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

/// Crafted or damaged files (with valid checksums where a forger would recompute them) are
/// refused where they are read, copied or restored; nothing live is lost on the way.
struct HostileFilesTests {
  /// `docs` (dimension 4, dot, mmap) with 300 points in two sealed segments and 10 unsealed.
  private func populated(_ directory: String, points: Int = 300, segmentPoints: Int = 150) throws -> Database {
    var generator = SeededGenerator(seed: 404)
    let database = try Database(directory: directory)
    let collection = try database.createCollection(
      "docs", config: CollectionConfig(dimension: 4, distance: .dot, storage: .mmap, segmentPoints: segmentPoints))
    try collection.createPayloadIndex(field: "tenant", type: .keyword)
    try collection.upsert(
      (0..<points).map {
        PointStruct(
          id: .number(UInt64($0)), vector: randomVector(4, using: &generator),
          payload: ["tenant": .string("t\($0 % 3)")])
      })
    try collection.upsert((1_000..<1_010).map { PointStruct(id: .number(UInt64($0)), vector: [1, 2, 3, 4]) })
    return database
  }

  private func folder(_ directory: String) -> String { directory + "/collections/docs" }

  private func segmentFiles(_ directory: String) throws -> [String] {
    try System.listDirectory(folder(directory)).filter { $0.hasSuffix(".seg") }.sorted().map {
      folder(directory) + "/" + $0
    }
  }

  private func flipByte(_ path: String, at offset: Int) throws {
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[offset] ^= 0x20
    try bytes.write(to: URL(fileURLWithPath: path))
  }

  /// The offset of a segment file's section.
  private func sectionOffset(_ path: String, _ section: SegmentFormat.Section) throws -> Int {
    let bytes = try #require(FileManager.default.contents(atPath: path))
    return bytes.withUnsafeBytes {
      Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 32 + section.rawValue * 24, as: UInt64.self)))
    }
  }

  private func isCorrupted(_ error: any Error, _ texts: String...) -> Bool {
    (error as? StoreError)?.kind == .corrupted && texts.allSatisfy { "\(error)".contains($0) }
  }

  /// A copy of `snapshot`'s archive with `change` applied to its files (re-archived with fresh
  /// digests, as a forger would).
  private func forged(
    _ snapshot: SnapshotDescription, in directory: String,
    _ change: (inout [(name: String, bytes: [UInt8])]) throws -> Void
  ) throws -> String {
    let extracted = directory + "/forge-\(UUID().uuidString)"
    let contents = try SnapshotArchive.extractContents(path: snapshot.path, into: extracted)
    var files = try contents.manifest.files.map { file in
      (name: file.name, bytes: [UInt8](try #require(FileManager.default.contents(atPath: extracted + "/" + file.name))))
    }
    try change(&files)
    let out = directory + "/forged-\(UUID().uuidString).snapshot"
    _ = try SnapshotArchive.write(
      to: out, kind: .collection, created: contents.manifest.created, collections: contents.manifest.collections,
      sources: files.map { SnapshotSource(name: $0.name, content: .bytes($0.bytes)) })
    return out
  }

  // MARK: Snapshots and restores

  @Test func anArchiveWithAnEntryTheFormatDoesNotDefineFailsVerificationAndRestoreKeepsTheLiveData() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let snapshot = try database.createSnapshot(of: "docs")
    for extra in ["seg-dir/x", "wal-00000000000000000001.log", "notes.txt"] {
      let path = try forged(snapshot, in: directory.path) { $0.append((extra, Array("stray".utf8))) }
      #expect {
        _ = try database.verifySnapshotFile(at: path)
      } throws: { error in
        isCorrupted(error, "is not a file of the collection")
      }
      #expect(throws: StoreError.self) { _ = try database.restoreSnapshotFile(at: path, replace: true) }
      #expect(try database.collection("docs").count() == 310)
      #expect(try database.collectionNames() == ["docs"])
    }
  }

  @Test func aFailureAfterTheSwapPutsTheOldCollectionBack() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let snapshot = try database.createSnapshot(of: "docs")
    let live = try database.collection("docs")
    try live.delete(.ids((0..<100).map { .number(UInt64($0)) }))
    #expect(try live.count() == 210)
    // Opening the swapped-in folder fails: the previous folder must come back.
    let rule = folder(directory.path) + "/MANIFEST"
    FaultInjection.add(.init(operation: .open, pathContains: rule, code: System.errnoIO))
    #expect {
      _ = try database.restoreSnapshot(snapshot.name, of: "docs", replace: true)
    } throws: { error in
      "\(error)".contains("the restore was undone")
    }
    FaultInjection.removeRules(matching: rule)
    #expect(try database.collection("docs").count() == 210)
    #expect(try System.listDirectory(directory.path + "/collections").filter { !$0.hasPrefix(".") } == ["docs"])
    // And a later restore works.
    #expect(try database.restoreSnapshot(snapshot.name, of: "docs", replace: true).pointsCount == 310)
  }

  @Test(arguments: [SegmentFormat.Section.vectors, .payloads])
  func aFlippedBitInASegmentIsNeverCertifiedCopiedOrLaundered(section: SegmentFormat.Section) throws {
    let directory = TemporaryDirectory()
    let good = try populated(directory.path).createSnapshot(of: "docs")
    let segment = try #require(try segmentFiles(directory.path).first)
    try flipByte(segment, at: try sectionOffset(segment, section) + 9)
    let name = (segment as NSString).lastPathComponent
    // Reopen so nothing of the damaged file is cached.
    let reopened = try Database(directory: directory.path)
    let collection = try reopened.collection("docs")
    #expect { try collection.verify() } throws: { isCorrupted($0, name, "\(section) section") }
    #expect { _ = try reopened.createSnapshot(of: "docs") } throws: { isCorrupted($0, name, "\(section) section") }
    #expect { _ = try reopened.createFullSnapshot() } throws: { isCorrupted($0, name) }
    #expect { try collection.optimize() } throws: { isCorrupted($0, name, "optimization") }
    #expect { try collection.verify() } throws: { isCorrupted($0, name) }
    #expect(try reopened.snapshots(of: "docs").map(\.name) == [good.name])
    // A snapshot carrying the same damage (with fresh archive digests) is refused too.
    let forgedPath = try forged(good, in: directory.path) { files in
      let index = try #require(files.firstIndex { $0.name == name })
      let offset = files[index].bytes.withUnsafeBytes {
        Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 32 + section.rawValue * 24, as: UInt64.self)))
      }
      files[index].bytes[offset + 9] ^= 0x20
    }
    #expect { _ = try reopened.verifySnapshotFile(at: forgedPath) } throws: { isCorrupted($0, "\(section) section") }
    #expect { _ = try reopened.restoreSnapshotFile(at: forgedPath, as: "copy") } throws: {
      isCorrupted($0, "\(section) section")
    }
    #expect(try reopened.collectionNames() == ["docs"])
  }

  @Test func aBackgroundScrubMarksADamagedCollectionRed() throws {
    let directory = TemporaryDirectory()
    try populated(directory.path).close()
    let segment = try #require(try segmentFiles(directory.path).last)
    try flipByte(segment, at: try sectionOffset(segment, .vectors) + 3)
    let collection = try Database(directory: directory.path).collection("docs")
    collection.waitForBackgroundWork()
    let problem = try #require(collection.problem)
    #expect(problem.contains((segment as NSString).lastPathComponent) && problem.contains("vectors section"))
    #expect(try collection.info().status == "red")
    #expect(try collection.info().problem == problem)
  }

  // MARK: Structural invariants checked on load

  /// Writes a segment holding `ids` in that order (checksums valid, as a forger would) and
  /// publishes a manifest naming it (without payload indexes).
  private func addSegment(in directory: String, ids: [UInt64]) throws {
    let manifest = try CollectionManifest.read(from: folder(directory))
    let vectors = [Float](repeating: 1, count: 4 * ids.count)
    try vectors.withUnsafeBufferPointer { buffer in
      let base = try #require(buffer.baseAddress)
      try SegmentWriter.write(
        segment: manifest.nextSegmentID, in: folder(directory), dimension: 4, normalized: false,
        rows: ids.enumerated().map { .init(id: .number($1), vector: base + 4 * $0, payload: []) })
    }
    var next = manifest
    next.segments.append(.init(id: manifest.nextSegmentID, deletionGeneration: 0))
    next.nextSegmentID += 1
    next.indexes = []
    try next.write(to: folder(directory))
  }

  @Test func aSegmentWithUnsortedIdsIsRefused() throws {
    let directory = TemporaryDirectory()
    _ = try populated(directory.path)
    try addSegment(in: directory.path, ids: [5_002, 5_001])
    #expect { _ = try Database(directory: directory.path).collection("docs") } throws: {
      isCorrupted($0, "not strictly ascending")
    }
  }

  @Test func aSegmentNamedTwiceInTheManifestIsRefused() throws {
    let directory = TemporaryDirectory()
    _ = try populated(directory.path)
    var manifest = try CollectionManifest.read(from: folder(directory.path))
    manifest.segments.append(try #require(manifest.segments.first))
    try manifest.write(to: folder(directory.path))
    #expect { _ = try Database(directory: directory.path).collection("docs") } throws: {
      isCorrupted($0, "listed twice")
    }
  }

  @Test func aPointLiveInTwoSegmentsIsRefused() throws {
    let directory = TemporaryDirectory()
    _ = try populated(directory.path)
    try addSegment(in: directory.path, ids: [7])
    #expect { _ = try Database(directory: directory.path).collection("docs") } throws: { isCorrupted($0, "point 7") }
  }

  @Test func setPaddingBitsInADeletionFileAreRefused() throws {
    let directory = TemporaryDirectory()
    do {
      let database = try populated(directory.path)
      try database.collection("docs").delete(.ids([.number(1)]))
      try database.collection("docs").flush()
      try database.close()
    }
    let deletion = try #require(try System.listDirectory(folder(directory.path)).first { $0.contains(".del-") })
    let path = folder(directory.path) + "/" + deletion
    var bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
    // The segment has 150 rows: bits 150…191 of the last word are padding.
    bytes[bytes.count - 1] |= 0x80
    let crc = bytes[24...].withUnsafeBytes { CRC32C.checksum($0) }
    withUnsafeBytes(of: crc.littleEndian) { for index in 0..<4 { bytes[16 + index] = $0[index] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect { _ = try Database(directory: directory.path).collection("docs") } throws: {
      isCorrupted($0, "bits past the last row")
    }
  }

  @Test func aGraphBuiltForAnotherMetricIsRebuiltOrRefused() throws {
    let directory = TemporaryDirectory()
    try populated(directory.path, points: 1_200, segmentPoints: 1_200).close()
    let graphName = try #require(try System.listDirectory(folder(directory.path)).first { $0.hasSuffix(".hnsw") })
    let segment = try #require(try segmentFiles(directory.path).first)
    let bytes = try #require(FileManager.default.contents(atPath: segment))
    let count = bytes.withUnsafeBytes {
      Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
    }
    let vectorsStart = try sectionOffset(segment, .vectors)
    let wrong: HNSWGraph = bytes.withUnsafeBytes { raw in
      let vectors = HNSWVectors(base: raw.baseAddress! + vectorsStart, stride: 32, count: count, dimension: 4)
      return HNSWGraph.build(
        vectors: vectors, metric: .squaredL2, parameters: HNSWParameters(m: 16, efConstruct: 40, seed: 1), threads: 1)
    }
    try DurableFile.publish(wrong.encoded, as: graphName, in: folder(directory.path))
    #expect {
      _ = try Database(directory: directory.path, readOnly: true).collection("docs")
    } throws: { isCorrupted($0, graphName, "metric") }
    let rebuilt = try Database(directory: directory.path).collection("docs")
    #expect(rebuilt.recoveryNotes.contains { $0.contains("metric") && $0.contains("rebuilt") })
    let points = try Database(directory: directory.path, readOnly: true).collection("docs").count()
    #expect(points == 1_200)
  }

  // MARK: Names and aliases

  @Test func canonicallyEquivalentNamesAreOneCollection() throws {
    let directory = TemporaryDirectory()
    do {
      let database = try Database(directory: directory.path)
      let composed = "caf\u{E9}"
      let decomposed = "cafe\u{301}"
      try database.createCollection(decomposed, config: CollectionConfig(dimension: 2, distance: .dot))
      #expect {
        try database.createCollection(composed, config: CollectionConfig(dimension: 2, distance: .dot))
      } throws: { ($0 as? StoreError)?.kind == .alreadyExists }
      try database.collection(composed).upsert([PointStruct(id: .number(1), vector: [1, 2])])
      try database.collection(decomposed).upsert([PointStruct(id: .number(2), vector: [3, 4])])
      #expect(try database.collectionNames().map { Array($0.utf8) } == [Array(composed.utf8)])
      #expect(try database.collection(composed).count() == 2)
    }
    // A folder made by hand in the other form is reported, not opened as a second collection.
    try FileManager.default.createDirectory(
      atPath: directory.path + "/collections/na\u{308}me", withIntermediateDirectories: false)
    let reopened = try Database(directory: directory.path)
    #expect(reopened.problems.contains { $0.contains("NFC") })
    #expect {
      try reopened.createCollection("n\u{E4}me", config: CollectionConfig(dimension: 2, distance: .dot))
    } throws: { ($0 as? StoreError)?.kind == .alreadyExists }
  }

  @Test func aliasesThatShadowDangleOrAreGarbageAreReportedAndTheRestWorks() throws {
    let directory = TemporaryDirectory()
    do {
      let database = try populated(directory.path)
      try database.createCollection("other", config: CollectionConfig(dimension: 4, distance: .dot))
      try database.close()
    }
    let cases = [
      #"{"aliases": {"docs": "other"}}"#: "hide",
      #"{"aliases": {"gone": "missing"}}"#: "does not exist",
      "{not json": "not a valid aliases file",
    ]
    for (text, problem) in cases {
      try Data(text.utf8).write(to: URL(fileURLWithPath: directory.path + "/aliases.json"))
      let reopened = try Database(directory: directory.path)
      #expect(reopened.problems.contains { $0.contains("aliases.json") && $0.contains(problem) }, "\(text)")
      #expect(try reopened.collection("docs").count() == 310, "reads of docs must reach docs")
      #expect(try reopened.collection("other").count() == 0)
      #expect(throws: StoreError.self) { _ = try reopened.aliases() }
      #expect(throws: StoreError.self) { try reopened.createAlias("x", for: "docs") }
      #expect(
        try String(contentsOfFile: directory.path + "/aliases.json", encoding: .utf8) == text,
        "the evidence was rewritten")
    }
  }

  @Test func aStrayFileInTheCollectionsFolderIsReportedNotFatal() throws {
    let directory = TemporaryDirectory()
    _ = try populated(directory.path)
    try Data("x".utf8).write(to: URL(fileURLWithPath: directory.path + "/collections/notes.txt"))
    let reopened = try Database(directory: directory.path)
    #expect(try reopened.collectionNames() == ["docs"])
    #expect(reopened.problems.contains { $0.contains("notes.txt") })
    #expect(try reopened.collection("docs").count() == 310)
  }
}
