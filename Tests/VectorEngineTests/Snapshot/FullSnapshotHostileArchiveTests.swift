import Foundation
import Testing

@testable import VectorEngine
@testable import Model

/// Hand-forged full snapshots whose tar structure and checksums are sound but whose layout or
/// aliases are not: each is refused with a typed error, extraction leaves nothing behind, and
/// a restore leaves the data directory as it was.
struct FullSnapshotHostileArchiveTests {
  static let aliases = Array(#"{"aliases": {"x": "a"}}"#.utf8)
  static let manifest = Array("not read by the archive layer".utf8)

  static let cases: [(String, SnapshotError.Code, ForgedTar)] = {
    var result: [(String, SnapshotError.Code, ForgedTar)] = []
    func add(_ label: String, _ code: SnapshotError.Code, collections: [String] = ["a"], _ files: [(String, [UInt8])]) {
      result.append((label, code, ForgedTar.full(collections: collections, files)))
    }
    let base: [(String, [UInt8])] = [("aliases.json", aliases), ("collections/a/MANIFEST", manifest)]
    add("entry outside collections/", .invalidLayout, base + [("x.bin", manifest)])
    add("folder of an unlisted collection", .invalidLayout, base + [("collections/b/MANIFEST", manifest)])
    add("nested below a collection's folder", .invalidLayout, base + [("collections/a/sub/f", manifest)])
    add("file directly in collections/", .invalidLayout, base + [("collections/f", manifest)])
    add(
      "hidden collection name", .invalidLayout, collections: [".a"],
      [("aliases.json", Array(#"{"aliases": {}}"#.utf8)), ("collections/.a/MANIFEST", manifest)])
    add(
      "collection name with a colon", .invalidLayout, collections: ["a:b"],
      [("aliases.json", Array(#"{"aliases": {}}"#.utf8)), ("collections/a:b/MANIFEST", manifest)])
    add("collection listed twice", .invalidLayout, collections: ["a", "a"], base)
    add("no aliases.json", .invalidLayout, [("collections/a/MANIFEST", manifest)])
    add(
      "a collection without MANIFEST", .invalidLayout, collections: ["a", "b"],
      base + [("collections/b/seg-00000001.seg", manifest)])
    for (label, text) in [
      ("aliases.json not JSON", #"{"aliases": "#),
      ("aliases.json without an aliases object", #"{"x": "a"}"#),
      ("alias to a collection the snapshot lacks", #"{"aliases": {"x": "zzz"}}"#),
      ("alias named like a collection", #"{"aliases": {"a": "a"}}"#),
      ("alias with a slash", #"{"aliases": {"x/y": "a"}}"#),
      ("alias target not a string", #"{"aliases": {"x": 1}}"#),
    ] {
      add(label, .invalidAliases, [("aliases.json", Array(text.utf8)), ("collections/a/MANIFEST", manifest)])
    }
    var unknownKind = ForgedTar()
    unknownKind.file(
      "manifest.json",
      Array(
        #"{"format": 2, "kind": "partial", "created": "2026-01-02T03:04:05Z", "collections": [], "files": []}"#.utf8))
    unknownKind.end()
    result.append(("unknown kind", .invalidManifest, unknownKind))
    var noCollections = ForgedTar()
    noCollections.file(
      "manifest.json", Array(#"{"format": 2, "kind": "full", "created": "2026-01-02T03:04:05Z", "files": []}"#.utf8))
    noCollections.end()
    result.append(("full manifest without collections", .invalidManifest, noCollections))
    var badUTF8 = SnapshotHostileArchiveTests.valid([("a\u{E9}.bin", Array("x".utf8))])
    badUTF8.header(name: "a\u{E9}.bin", size: 1)
    badUTF8.bytes[badUTF8.bytes.count - 512 + 1] = 0xC3  // first byte of é, with a bad continuation
    badUTF8.bytes[badUTF8.bytes.count - 512 + 2] = 0x28
    let sum = TarWriter.checksum(of: Array(badUTF8.bytes[(badUTF8.bytes.count - 512)...]))
    let text = String(sum, radix: 8)
    for (index, byte) in (String(repeating: "0", count: 6 - text.count) + text + "\u{0} ").utf8.enumerated() {
      badUTF8.bytes[badUTF8.bytes.count - 512 + 148 + index] = byte
    }
    badUTF8.body(Array("x".utf8))
    badUTF8.end()
    result.append(("entry name not UTF-8", .unsafeName, badUTF8))
    return result
  }()

  @Test func everyHostileFullArchiveIsRefusedAndNothingIsWritten() throws {
    for (label, expected, tar) in Self.cases {
      let temporary = TemporaryDirectory()
      let archive = temporary.path + "/hostile.snapshot"
      try SnapshotFixtures.write(tar.bytes, to: archive)
      let before = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
      let verified = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.verify(path: archive)
      }
      #expect(verified == expected, "\(label)")
      let extracted = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.extract(path: archive, into: temporary.path + "/restore")
      }
      #expect(extracted == expected, "\(label)")
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == before,
        "\(label) left files behind")
    }
  }

  @Test func theWellFormedBaseArchiveVerifies() throws {
    let temporary = TemporaryDirectory()
    let archive = temporary.path + "/fine.snapshot"
    try SnapshotFixtures.write(
      ForgedTar.full(collections: ["a"], [("aliases.json", Self.aliases), ("collections/a/MANIFEST", Self.manifest)])
        .bytes,
      to: archive)
    let contents = try SnapshotArchive.check(path: archive)
    #expect(contents.manifest.kind == .full)
    #expect(contents.aliases == ["x": "a"])
  }

  @Test func aRestoreOfAHostileFullArchiveLeavesTheDataDirectoryAsItWas() throws {
    let temporary = TemporaryDirectory()
    let database = try Database(directory: temporary.path + "/data")
    let live = try database.createCollection("a", config: CollectionConfig(dimension: 2, distance: .dot))
    try live.upsert([PointStruct(id: .number(1), vector: [1, 2])])
    try database.createAlias("y", for: "a")
    let before = try live.scroll(limit: 10, withVector: true).points
    // The layout is sound but collection a's MANIFEST is garbage; then an alias is hostile.
    let archives = [
      ForgedTar.full(
        collections: ["a", "b"],
        [
          ("aliases.json", Self.aliases), ("collections/a/MANIFEST", Self.manifest),
          ("collections/b/MANIFEST", Self.manifest),
        ]),
      ForgedTar.full(
        collections: ["a"],
        [
          ("aliases.json", Array(#"{"aliases": {"x": "zzz"}}"#.utf8)), ("collections/a/MANIFEST", Self.manifest),
        ]),
    ]
    for (index, tar) in archives.enumerated() {
      let archive = temporary.path + "/hostile-\(index).snapshot"
      try SnapshotFixtures.write(tar.bytes, to: archive)
      #expect {
        _ = try database.restoreSnapshotFile(at: archive, replace: true)
      } throws: { error in
        (error as? StoreError)?.kind == .corrupted
      }
      #expect(try database.collectionNames() == ["a"], "archive \(index)")
      #expect(try database.collection("a").scroll(limit: 10, withVector: true).points == before)
      #expect(try database.aliases().map(\.alias) == ["y"])
      #expect(try System.listDirectory(temporary.path + "/data/collections") == ["a"], "archive \(index) left a folder")
    }
  }
}
