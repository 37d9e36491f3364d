import Foundation
import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

/// Snapshots of live collections: a consistent cut, verified restores, refusals.
struct CollectionSnapshotTests {
  private func populated(_ directory: String) throws -> (Database, VectorCollection) {
    var generator = SeededGenerator(seed: 31)
    let database = try Database(directory: directory)
    let collection = try database.createCollection(
      "s", config: CollectionConfig(dimension: 6, distance: .dot, segmentPoints: 700))
    try collection.createPayloadIndex(field: "k", type: .keyword)
    try collection.upsert(
      (0..<1_500).map {
        PointStruct(
          id: .number(UInt64($0)), vector: randomVector(6, using: &generator), payload: ["k": .string("v\($0 % 4)")])
      })
    try collection.delete(.ids([.number(3), .number(900)]))
    return (database, collection)
  }

  private func everything(_ collection: VectorCollection) throws -> [PointRecord] {
    try collection.scroll(limit: 10_000, withPayload: true, withVector: true).points
  }

  @Test func snapshotIsAConsistentCutAndRestoresIdentically() throws {
    let directory = TemporaryDirectory()
    let (database, collection) = try populated(directory.path)
    // Acknowledged before the snapshot (some still unsealed): included.
    try collection.upsert([PointStruct(id: .number(5_000), vector: [1, 2, 3, 4, 5, 6], payload: ["k": "late"])])
    let before = try everything(collection)
    let snapshot = try database.createSnapshot(of: "s")
    // Written after the snapshot: not included.
    try collection.upsert([PointStruct(id: .number(6_000), vector: [6, 5, 4, 3, 2, 1])])
    #expect(snapshot.name.hasPrefix("s-") && snapshot.name.hasSuffix(".snapshot"))
    #expect(try database.snapshots(of: "s").map(\.name) == [snapshot.name])
    #expect(try database.verifySnapshot(snapshot.name, of: "s").sha256 == snapshot.sha256)
    let info = try database.restoreSnapshot(snapshot.name, of: "s", as: "copy")
    #expect(info.pointsCount == before.count)
    let copy = try database.collection("copy")
    #expect(try everything(copy) == before)
    #expect(
      try copy.count(filter: try Filter.parse("k:v1")) == collection.count(filter: try Filter.parse("k:v1 !id:6000")))
    #expect(try copy.info().payloadSchema.map(\.field) == ["k"])
  }

  @Test func restoringOverACollectionNeedsConfirmationAndTheSameShape() throws {
    let directory = TemporaryDirectory()
    let (database, collection) = try populated(directory.path)
    let snapshot = try database.createSnapshot(of: "s")
    try collection.delete(.ids((0..<100).map { .number(UInt64($0)) }))
    #expect {
      _ = try database.restoreSnapshot(snapshot.name, of: "s")
    } throws: { error in
      (error as? StoreError)?.kind == .alreadyExists
    }
    try database.createCollection("other", config: CollectionConfig(dimension: 3, distance: .dot))
    #expect {
      _ = try database.restoreSnapshot(snapshot.name, of: "s", as: "other", replace: true)
    } throws: { error in
      "\(error)".contains("6 dimensions") && "\(error)".contains("other has 3")
    }
    let restored = try database.restoreSnapshot(snapshot.name, of: "s", replace: true)
    #expect(restored.pointsCount == 1_498)
    #expect(try database.collection("s").count() == 1_498)
  }

  @Test func aDamagedSnapshotIsRefusedAndTheLiveCollectionIsUntouched() throws {
    let directory = TemporaryDirectory()
    let (database, collection) = try populated(directory.path)
    let snapshot = try database.createSnapshot(of: "s")
    let path = directory.path + "/snapshots/s/" + snapshot.name
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[bytes.count / 2] ^= 0x20
    try bytes.write(to: URL(fileURLWithPath: path))
    let before = try everything(collection)
    #expect(throws: StoreError.self) { _ = try database.verifySnapshot(snapshot.name, of: "s") }
    #expect {
      _ = try database.restoreSnapshot(snapshot.name, of: "s", replace: true)
    } throws: { error in
      (error as? StoreError)?.kind == .corrupted
    }
    #expect(try everything(try database.collection("s")) == before)
    #expect(try System.listDirectory(directory.path + "/collections") == ["s"])
  }

  @Test func deletedSnapshotsDisappearWithTheirSidecar() throws {
    let directory = TemporaryDirectory()
    let (database, _) = try populated(directory.path)
    let first = try database.createSnapshot(of: "s")
    let second = try database.createSnapshot(of: "s")
    #expect(first.name != second.name)
    try database.deleteSnapshot(first.name, of: "s")
    #expect(try database.snapshots(of: "s").map(\.name) == [second.name])
    #expect(try System.listDirectory(directory.path + "/snapshots/s").filter { $0.hasPrefix(first.name) }.isEmpty)
  }
}
