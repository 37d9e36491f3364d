import Testing

@testable import VectorEngine

/// Injected I/O failures while a snapshot is written: the snapshot fails with the right kind,
/// nothing is published and no temporary file is left.
struct SnapshotFaultTests {
  private func populated(_ directory: String) throws -> Database {
    let database = try Database(directory: directory)
    let collection = try database.createCollection("f", config: CollectionConfig(dimension: 2, distance: .dot))
    try collection.upsert((0..<20).map { PointStruct(id: .number(UInt64($0)), vector: [1, Float($0)]) })
    return database
  }

  @Test func aFailedFsyncOfTheArchiveFailsTheSnapshotAndLeavesNothing() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let archives = directory.path + "/snapshots/.tmp-full-"
    // The first fsync of the temporary archive is the one on the background thread.
    FaultInjection.add(.init(operation: .sync, pathContains: archives, code: System.errnoIO))
    #expect {
      _ = try database.createFullSnapshot()
    } throws: { error in
      (error as? EngineError)?.kind == .io
    }
    FaultInjection.removeRules(matching: archives)
    #expect(try System.listDirectory(directory.path + "/snapshots").isEmpty)
    #expect(try database.createFullSnapshot().isFull)
  }

  @Test func aFullDiskWhileWritingIsReportedAsSuchAndLeavesNothing() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let archives = directory.path + "/snapshots/f/.tmp-f-"
    FaultInjection.add(.init(operation: .write, pathContains: archives, code: System.errnoNoSpace, skip: 2, partialBytes: 100))
    #expect {
      _ = try database.createSnapshot(of: "f")
    } throws: { error in
      (error as? EngineError)?.kind == .diskFull
    }
    FaultInjection.removeRules(matching: archives)
    #expect(try System.listDirectory(directory.path + "/snapshots/f").isEmpty)
    #expect(try database.snapshots(of: "f").isEmpty)
  }
}
