import Foundation
import Testing

@testable import VectorEngine
@testable import Model

/// Caps on keys per object in the JSON files a snapshot holds, and on the number of aliases
/// wherever aliases are read or written.
struct SnapshotFormatCapsTests {
  private static let aliasCap = Database.maximumAliases

  /// `manifest` with `extra` junk keys added to its top-level object.
  private static func widened(_ manifest: [UInt8], extra: Int) throws -> [UInt8] {
    var object = try #require(try JSONParser.parse(manifest).objectValue)
    for index in 0..<extra { object["junk\(index)"] = .int(Int64(index)) }
    return Array(JSONWriter.compact(.object(object)).utf8)
  }

  /// `{"aliases": {"x0": target, …}}` with `count` aliases.
  private static func aliasesFile(_ count: Int, target: String) -> [UInt8] {
    var aliases = JSONObject()
    for index in 0..<count { aliases["x\(index)"] = .string(target) }
    return Array(JSONWriter.pretty(["aliases": .object(aliases)]).utf8)
  }

  /// Creates an empty collection `name` in a data directory, then lets go of the directory.
  private static func createCollection(_ name: String, in directory: String) throws {
    let database = try Database(directory: directory)
    try database.createCollection(name, config: CollectionConfig(dimension: 2, distance: .dot))
    try database.close()
  }

  @Test(arguments: [SnapshotManifest.maximumKeysPerObject + 1, 30_000])
  func manifestsWithObjectsOverTheCapAreRefused(extra: Int) throws {
    let fileManifest = ForgedTar.manifest([("a.bin", Array("x".utf8))])
    let wide = try Self.widened(fileManifest, extra: extra)
    #expect {
      _ = try SnapshotManifest.decode(wide, archive: "x.snapshot", limits: .default)
    } throws: { error in
      guard let error = error as? SnapshotError else { return false }
      return error.code == .limitExceeded && error.entry == SnapshotManifest.entryName
        && error.detail.contains("more than \(SnapshotManifest.maximumKeysPerObject) keys")
    }
    // The same cap holds inside an entry of "files", and in a full snapshot read from disk.
    let files: [(String, [UInt8])] = [
      ("aliases.json", Self.aliasesFile(0, target: "a")), ("collections/a/MANIFEST", Array("m".utf8)),
    ]
    var tar = ForgedTar()
    tar.file("manifest.json", try Self.widened(ForgedTar.fullManifest(collections: ["a"], files), extra: extra))
    for (name, content) in files { tar.file(name, content) }
    tar.end()
    let temporary = TemporaryDirectory()
    let archive = temporary.path + "/full-2026-01-02-03-04-05.snapshot"
    try SnapshotFixtures.write(tar.bytes, to: archive)
    #expect(
      SnapshotFixtures.errorCode { () throws(SnapshotError) in _ = try SnapshotArchive.verify(path: archive) }
        == .limitExceeded)
  }

  @Test func aManifestAtTheCapIsRead() throws {
    let manifest = ForgedTar.manifest([("a.bin", Array("x".utf8))])
    let keys = try #require(try JSONParser.parse(manifest).objectValue).count
    let wide = try Self.widened(manifest, extra: SnapshotManifest.maximumKeysPerObject - keys)
    #expect(try SnapshotManifest.decode(wide, archive: "x.snapshot", limits: .default).files.count == 1)
  }

  @Test func aFullSnapshotWithAliasesOverTheCapIsRefusedAndOneAtTheCapVerifies() throws {
    let temporary = TemporaryDirectory()
    for (count, expected) in [(Self.aliasCap, nil), (Self.aliasCap + 1, SnapshotError.Code.limitExceeded)] {
      let archive = temporary.path + "/full-\(count).snapshot"
      let tar = ForgedTar.full(
        collections: ["a"],
        [
          ("aliases.json", Self.aliasesFile(count, target: "a")), ("collections/a/MANIFEST", Array("m".utf8)),
        ])
      try SnapshotFixtures.write(tar.bytes, to: archive)
      #expect(
        SnapshotFixtures.errorCode { () throws(SnapshotError) in _ = try SnapshotArchive.verify(path: archive) }
          == expected, "\(count)")
    }
  }

  @Test func noAliasIsCreatedPastTheCap() throws {
    let temporary = TemporaryDirectory()
    let directory = temporary.path + "/data"
    try Self.createCollection("a", in: directory)
    try SnapshotFixtures.write(Self.aliasesFile(Self.aliasCap, target: "a"), to: directory + "/aliases.json")
    let database = try Database(directory: directory)
    #expect(try database.aliases().count == Self.aliasCap)
    #expect {
      try database.createAlias("one-more", for: "a")
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput && "\(error)".contains("\(Self.aliasCap)")
    }
    // Repointing an existing alias does not add one.
    try database.createAlias("x0", for: "a")
    #expect(try database.aliases().count == Self.aliasCap)
  }

  @Test func aRestoreThatWouldPassTheAliasCapIsRefusedBeforeAnythingChanges() throws {
    let temporary = TemporaryDirectory()
    let source = try Database(directory: temporary.path + "/source")
    try source.createCollection("a", config: CollectionConfig(dimension: 2, distance: .dot))
      .upsert([PointStruct(id: .number(1), vector: [1, 0])])
    try source.createAlias("fresh", for: "a")
    let snapshot = try source.createFullSnapshot()
    let directory = temporary.path + "/target"
    try Self.createCollection("b", in: directory)
    try SnapshotFixtures.write(Self.aliasesFile(Self.aliasCap, target: "b"), to: directory + "/aliases.json")
    let target = try Database(directory: directory)
    #expect {
      _ = try target.restoreSnapshotFile(at: snapshot.path, replace: true)
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput && "\(error)".contains("\(Self.aliasCap)")
    }
    #expect(try target.collectionNames() == ["b"])
    #expect(try target.aliases().count == Self.aliasCap)
  }
}
