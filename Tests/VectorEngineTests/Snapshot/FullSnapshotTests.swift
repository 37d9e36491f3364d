import Foundation
import TestSupport
import Testing

@testable import VectorEngine
@testable import Model
import Operations

/// Full snapshots through the database: every collection and the aliases, restored into an
/// empty data directory or over existing collections, and every refusal leaving all as it was.
struct FullSnapshotTests {
  /// A name long enough that its archive entries need the ustar prefix field, in UTF-8.
  static let longName = "données-" + String(repeating: "x", count: 100)

  /// Three collections of different shapes (one with a payload index and deletions, one
  /// with a long UTF-8 name) and two aliases.
  private func populated(_ directory: String) throws -> Database {
    var generator = SeededGenerator(seed: 77)
    let database = try Database(directory: directory)
    let docs = try database.createCollection(
      "docs", config: CollectionConfig(dimension: 6, distance: .dot, segmentPoints: 300))
    try docs.createPayloadIndex(field: "k", type: .keyword)
    try docs.upsert(
      (0..<700).map {
        PointStruct(
          id: .number(UInt64($0)), vector: randomVector(6, using: &generator), payload: ["k": .string("v\($0 % 3)")])
      })
    try docs.delete(.ids([.number(4), .number(650)]))
    let tickets = try database.createCollection("tickets", config: CollectionConfig(dimension: 3, distance: .cosine))
    try tickets.upsert(
      (0..<50).map { PointStruct(id: .number(UInt64($0)), vector: randomVector(3, using: &generator)) })
    let long = try database.createCollection(Self.longName, config: CollectionConfig(dimension: 2, distance: .euclid))
    try long.upsert([PointStruct(id: .number(1), vector: [1, 2], payload: ["note": "été"])])
    try database.createAlias("current", for: "docs")
    try database.createAlias("support", for: "tickets")
    return database
  }

  /// Every point of every collection, with payloads and vectors.
  private func everything(_ database: Database) throws -> [String: [PointRecord]] {
    var result: [String: [PointRecord]] = [:]
    for name in try database.collectionNames() {
      result[name] = try database.collection(name).scroll(limit: 10_000, withPayload: true, withVector: true).points
    }
    return result
  }

  private func aliases(_ database: Database) throws -> [String] {
    try database.aliases().map { "\($0.alias)->\($0.collection)" }
  }

  private func hiddenEntries(_ database: Database) throws -> [String] {
    try System.listDirectory(database.directory + "/collections").filter { $0.hasPrefix(".") }
  }

  @Test func aFullSnapshotRestoresEveryCollectionAndAliasIntoAnEmptyDataDirectory() throws {
    let source = TemporaryDirectory()
    let database = try populated(source.path)
    let before = try everything(database)
    let snapshot = try database.createFullSnapshot()
    #expect(snapshot.isFull)
    #expect(snapshot.name.hasPrefix("full-") && snapshot.name.hasSuffix(".snapshot"))
    #expect(snapshot.collections == ["docs", Self.longName, "tickets"])
    #expect(snapshot.path == (try System.resolvedPath(source.path)) + "/snapshots/" + snapshot.name)
    let listed = try database.fullSnapshots()
    #expect(listed.map(\.name) == [snapshot.name])
    #expect(listed.first?.problem == nil)
    #expect(listed.first?.sha256 == snapshot.sha256)
    #expect(listed.first?.collections == snapshot.collections)
    let verified = try database.verifySnapshotFile(at: snapshot.path)
    #expect(verified.isFull && verified.sha256 == snapshot.sha256 && verified.size == snapshot.size)

    let target = TemporaryDirectory()
    let restoredDatabase = try Database(directory: target.path)
    let restored = try restoredDatabase.restoreSnapshotFile(at: snapshot.path)
    #expect(restored.map(\.name) == ["docs", Self.longName, "tickets"])
    #expect(try everything(restoredDatabase) == before)
    #expect(try aliases(restoredDatabase) == ["current->docs", "support->tickets"])
    #expect(try restoredDatabase.collection("docs").info().payloadSchema.map(\.field) == ["k"])
    #expect(try hiddenEntries(restoredDatabase).isEmpty)
    // The aliases are durable: a reopened database has them.
    try restoredDatabase.close()
    let reopened = try Database(directory: target.path, readOnly: true)
    #expect(try aliases(reopened) == ["current->docs", "support->tickets"])
  }

  @Test func gnuTarListsAFullSnapshotWithItsLongUTF8Names() throws {
    let directory = TemporaryDirectory()
    let snapshot = try populated(directory.path).createFullSnapshot()
    let list = Process()
    list.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
    list.arguments = ["tf", snapshot.path]
    let pipe = Pipe()
    list.standardOutput = pipe
    let listExit = try list.startWatched()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    listExit.wait()
    #expect(list.terminationStatus == 0)
    let names = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(names.first == "manifest.json")
    #expect(names.contains("aliases.json"))
    #expect(names.contains("collections/\(Self.longName)/MANIFEST"))
    #expect(names.contains("collections/docs/MANIFEST"))
  }

  @Test func restoringOverExistingCollectionsNeedsReplaceAndKeepsTheOthers() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let before = try everything(database)
    let snapshot = try database.createFullSnapshot()
    try database.collection("docs").delete(.ids((0..<100).map { .number(UInt64($0)) }))
    try database.createCollection("extra", config: CollectionConfig(dimension: 2, distance: .dot))
    try database.createAlias("current", for: "tickets")
    try database.createAlias("mine", for: "extra")
    let changed = try everything(database)

    #expect {
      _ = try database.restoreSnapshotFile(at: snapshot.path)
    } throws: { error in
      let error = error as? StoreError
      return error?.kind == .alreadyExists && error?.message.contains("docs, \(Self.longName), tickets") == true
    }
    #expect(try everything(database) == changed)
    #expect(try hiddenEntries(database).isEmpty)

    let restored = try database.restoreSnapshotFile(at: snapshot.path, replace: true)
    #expect(restored.map(\.name) == ["docs", Self.longName, "tickets"])
    var expected = before
    expected["extra"] = changed["extra"]
    #expect(try everything(database) == expected)
    #expect(try aliases(database) == ["current->docs", "mine->extra", "support->tickets"])
    #expect(try hiddenEntries(database).isEmpty)
  }

  @Test func conflictsAreRefusedFromTheManifestBeforeTheArchiveIsRead() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let snapshot = try database.createFullSnapshot()
    // Damage a file's bytes; the manifest at the front stays readable.
    var bytes = try #require(FileManager.default.contents(atPath: snapshot.path))
    bytes[bytes.count - 2048] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: snapshot.path))
    #expect {
      _ = try database.restoreSnapshotFile(at: snapshot.path)
    } throws: { error in
      (error as? StoreError)?.kind == .alreadyExists
    }
    #expect {
      _ = try database.restoreSnapshotFile(at: snapshot.path, replace: true)
    } throws: { error in
      (error as? StoreError)?.kind == .corrupted
    }
    #expect(try hiddenEntries(database).isEmpty)
  }

  @Test func aShapeMismatchRefusesTheWholeRestoreAndTouchesNothing() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let snapshot = try database.createFullSnapshot()
    // docs keeps its shape (it would be replaced first), tickets does not.
    try database.collection("docs").delete(.ids([.number(1)]))
    try database.dropCollection("tickets")
    try database.createCollection("tickets", config: CollectionConfig(dimension: 5, distance: .cosine))
    try database.collection("tickets").upsert([PointStruct(id: .number(9), vector: [1, 2, 3, 4, 5])])
    try database.createAlias("support", for: "tickets")
    let changed = try everything(database)
    let aliasesBefore = try aliases(database)

    #expect {
      _ = try database.restoreSnapshotFile(at: snapshot.path, replace: true)
    } throws: { error in
      let error = error as? StoreError
      return error?.kind == .invalidInput && error?.message.contains("collection tickets has 5") == true
    }
    #expect(try everything(database) == changed)
    #expect(try aliases(database) == aliasesBefore)
    #expect(try hiddenEntries(database).isEmpty)
  }

  @Test func aCollectionNameThatIsAnAliasHereIsRefused() throws {
    let source = TemporaryDirectory()
    let snapshot = try populated(source.path).createFullSnapshot()
    let target = TemporaryDirectory()
    let database = try Database(directory: target.path)
    try database.createCollection("other", config: CollectionConfig(dimension: 2, distance: .dot))
    try database.createAlias("tickets", for: "other")
    #expect {
      _ = try database.restoreSnapshotFile(at: snapshot.path, replace: true)
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput && "\(error)".contains("tickets, which is an alias here")
    }
    #expect(try database.collectionNames() == ["other"])
    #expect(try aliases(database) == ["tickets->other"])
  }

  @Test func aCollectionNameTooLongForTheArchiveIsRefusedUpFront() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let name = String(repeating: "n", count: FullSnapshotLayout.maximumCollectionNameLength + 1)
    try database.createCollection(name, config: CollectionConfig(dimension: 2, distance: .dot))
    #expect {
      _ = try database.createFullSnapshot()
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput && "\(error)".contains("at most 143 bytes")
    }
    #expect(try database.fullSnapshots().isEmpty)
  }

  @Test func aFullSnapshotTakesNoTarget() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let snapshot = try database.createFullSnapshot()
    #expect {
      _ = try database.restoreSnapshotFile(at: snapshot.path, as: "docs", replace: true)
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput && "\(error)".contains("full snapshot")
    }
  }

  @Test func snapshotsGoToAChosenFolder() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let folder = directory.path + "/elsewhere"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    let resolved = try System.resolvedPath(folder)

    let collection = try database.createSnapshot(of: "current", in: folder)
    #expect(collection.collections == ["docs"] && !collection.isFull)
    #expect(collection.path == resolved + "/" + collection.name)
    #expect(collection.name.hasPrefix("docs-"))
    let full = try database.createFullSnapshot(in: folder + "/../elsewhere")
    #expect(full.path == resolved + "/" + full.name)
    #expect(
      try System.listDirectory(folder)
        == [collection.name, collection.name + ".sha256", full.name, full.name + ".sha256"].sorted())
    // Nothing went to the data directory's own folder.
    #expect(try System.kindOfEntry(directory.path + "/snapshots") == nil)
    #expect(try database.verifySnapshotFile(at: collection.path).sha256 == collection.sha256)

    #expect {
      _ = try database.createFullSnapshot(in: directory.path + "/missing")
    } throws: { error in
      (error as? StoreError)?.kind == .notFound
    }
    #expect(FileManager.default.createFile(atPath: directory.path + "/plain", contents: Data()))
    #expect {
      _ = try database.createSnapshot(of: "docs", in: directory.path + "/plain")
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput
    }
  }

  @Test func deletingASnapshotFileRemovesTheSidecarAndRefusesOtherFiles() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let snapshot = try database.createFullSnapshot()
    let link = directory.path + "/link.snapshot"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: snapshot.path)
    #expect {
      try database.deleteSnapshotFile(at: link)
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput
    }
    #expect {
      try database.deleteSnapshotFile(at: snapshot.path + ".sha256")
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput
    }
    #expect(FileManager.default.fileExists(atPath: snapshot.path))
    try database.deleteSnapshotFile(at: snapshot.path)
    #expect(try database.fullSnapshots().isEmpty)
    #expect(try System.listDirectory(directory.path + "/snapshots").isEmpty)
  }

  @Test func listingsReportAMissingSidecarAndACutArchive() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let kept = try database.createFullSnapshot()
    let cut = try database.createFullSnapshot()
    let bare = try database.createFullSnapshot()
    let bytes = try #require(FileManager.default.contents(atPath: cut.path))
    try bytes.prefix(bytes.count - 1024).write(to: URL(fileURLWithPath: cut.path))
    try FileManager.default.removeItem(atPath: bare.path + ".sha256")
    let listed = Dictionary(uniqueKeysWithValues: try database.fullSnapshots().map { ($0.name, $0) })
    #expect(listed[kept.name]?.problem == nil)
    #expect(listed[cut.name]?.problem?.contains("differs from the") == true)
    #expect(listed[bare.name]?.problem == "no sidecar")
    #expect(listed[bare.name]?.sha256 == nil)
    #expect(throws: StoreError.self) { _ = try database.verifySnapshotFile(at: cut.path) }
    #expect(try database.verifySnapshotFile(at: bare.path).sha256 == bare.sha256)
  }

  @Test func collectionSnapshotsInTheFirstFormatStillRestore() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let current = try database.createSnapshot(of: "tickets")
    // Rewrite the archive with a format-1 manifest: no kind, no engine version.
    let unpacked = directory.path + "/unpacked"
    let manifest = try SnapshotArchive.extract(path: current.path, into: unpacked)
    var old = manifest
    old.format = 1
    old.engine = nil
    let oldBytes = old.encoded()
    #expect(!String(decoding: oldBytes, as: UTF8.self).contains("kind"))
    var tar = ForgedTar()
    tar.file("manifest.json", oldBytes)
    for file in manifest.files {
      tar.file(file.name, try SnapshotFixtures.read(unpacked + "/" + file.name))
    }
    tar.end()
    let name = "tickets-2020-01-02-03-04-05.snapshot"
    try SnapshotFixtures.write(tar.bytes, to: directory.path + "/snapshots/tickets/" + name)
    #expect(try database.snapshots(of: "tickets").map(\.name).contains(name))
    let info = try database.restoreSnapshot(name, of: "tickets", as: "old")
    #expect(info.pointsCount == 50)
    #expect(
      try database.collection("old").scroll(limit: 100, withPayload: true, withVector: true).points
        == database.collection("tickets").scroll(limit: 100, withPayload: true, withVector: true).points)
  }
}
