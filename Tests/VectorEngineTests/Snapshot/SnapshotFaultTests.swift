import TestSupport
import Testing

@testable import VectorEngine
@testable import Model

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
      (error as? StoreError)?.kind == .io
    }
    FaultInjection.removeRules(matching: archives)
    #expect(try System.listDirectory(directory.path + "/snapshots").isEmpty)
    #expect(try database.createFullSnapshot().isFull)
  }

  @Test func aFullDiskWhileWritingIsReportedAsSuchAndLeavesNothing() throws {
    let directory = TemporaryDirectory()
    let database = try populated(directory.path)
    let archives = directory.path + "/snapshots/f/.tmp-f-"
    FaultInjection.add(
      .init(operation: .write, pathContains: archives, code: System.errnoNoSpace, skip: 2, partialBytes: 100))
    #expect {
      _ = try database.createSnapshot(of: "f")
    } throws: { error in
      (error as? StoreError)?.kind == .diskFull
    }
    FaultInjection.removeRules(matching: archives)
    #expect(try System.listDirectory(directory.path + "/snapshots/f").isEmpty)
    #expect(try database.snapshots(of: "f").isEmpty)
  }

  @Test func aFullDiskHalfWayThroughALargeArchiveLeavesNothingAndCutArchivesAreRefused() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 5)
    let size = SnapshotArchive.backgroundHashingThreshold + 3 * SnapshotArchive.chunkSize
    let source = directory.path + "/source"
    try SnapshotFixtures.write((0..<size).map { _ in UInt8.random(in: .min ... .max, using: &generator) }, to: source)
    let out = directory.path + "/out"
    try System.makeDirectory(out)
    // The manifest's header, its body, its padding, the file's header, then three chunks.
    let archives = out + "/.tmp-big"
    FaultInjection.add(.init(operation: .write, pathContains: archives, code: System.errnoNoSpace, skip: 7))
    var failure: SnapshotError?
    do {
      _ = try SnapshotArchive.write(
        to: out + "/big.snapshot", collection: "c", created: "2026-01-02T03:04:05Z",
        config: .object([:]), files: [("big.bin", source)])
    } catch {
      failure = error
    }
    FaultInjection.removeRules(matching: archives)
    #expect(failure?.systemError?.isDiskFull == true)
    #expect(try System.listDirectory(out).isEmpty)

    let written = try SnapshotArchive.write(
      to: out + "/big.snapshot", collection: "c", created: "2026-01-02T03:04:05Z",
      config: .object([:]), files: [("big.bin", source)])
    let bytes = try SnapshotFixtures.read(out + "/big.snapshot")
    #expect(bytes.count == written.size)
    for length in [bytes.count / 2, bytes.count - 1] {
      try SnapshotFixtures.write(Array(bytes[0..<length]), to: directory.path + "/cut.snapshot")
      let code = SnapshotFixtures.errorCode { () throws(SnapshotError) in
        _ = try SnapshotArchive.verify(path: directory.path + "/cut.snapshot")
      }
      #expect(code == .truncated, "cut to \(length) bytes")
    }
  }
}
