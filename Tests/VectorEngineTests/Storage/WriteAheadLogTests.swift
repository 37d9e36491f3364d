import Foundation
import Synchronization
import Testing
@testable import VectorEngine
@testable import Model

struct WriteAheadLogTests {
  private func makeLog(_ directory: String) throws -> WriteAheadLog {
    try WriteAheadLog.create(in: directory, startingAt: 1)
  }

  private func upsert(_ id: UInt64) -> CollectionOperation {
    .upsert([PointStruct(id: .number(id), vector: [Float(id), 1], payload: ["n": .int(Int64(id))])])
  }

  private func walFile(_ directory: String) throws -> String {
    let name = try #require(try System.listDirectory(directory).first { $0.hasPrefix("wal-") })
    return directory + "/" + name
  }

  @Test func appendedRecordsReplayInOrder() throws {
    let directory = TemporaryDirectory()
    do {
      let log = try makeLog(directory.path)
      for id in 1...5 { _ = try log.append([upsert(UInt64(id))]) }
      _ = try log.append([.delete([.number(2)]), .setPayload(ids: [.number(3)], payload: ["x": true])])
    }
    let (_, recovery) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: false)
    #expect(recovery.operations.map(\.sequence) == Array(1...7))
    #expect(recovery.operations[0].operation == upsert(1))
    #expect(recovery.operations[5].operation == .delete([.number(2)]))
    #expect(recovery.damage == nil)
    #expect(recovery.notes.isEmpty)
  }

  @Test func replayStartsAtTheManifestsSequence() throws {
    let directory = TemporaryDirectory()
    do {
      let log = try makeLog(directory.path)
      for id in 1...6 { _ = try log.append([upsert(UInt64(id))]) }
    }
    let (_, recovery) = try WriteAheadLog.recover(directory: directory.path, from: 4, repair: false)
    #expect(recovery.operations.map(\.sequence) == [4, 5, 6])
  }

  @Test(arguments: [9, 17, 30, 41])
  func tornTailIsTruncatedAndEarlierRecordsKept(cut: Int) throws {
    let directory = TemporaryDirectory()
    do {
      let log = try makeLog(directory.path)
      for id in 1...4 { _ = try log.append([upsert(UInt64(id))]) }
    }
    let path = try walFile(directory.path)
    let size = try #require(try System.fileSize(path))
    let descriptor = try System.open(path, .writeOnly)
    try descriptor.truncate(to: size - cut)
    descriptor.close()
    let (log, recovery) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: true)
    #expect(recovery.operations.map(\.sequence) == [1, 2, 3])
    #expect(recovery.notes.count == 1)
    // The log continues after the cut with the next sequence.
    let next = try #require(log).append([upsert(9)])
    #expect(next == 4)
    let (_, again) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: false)
    #expect(again.operations.map(\.sequence) == [1, 2, 3, 4])
    #expect(again.notes.isEmpty)
  }

  @Test func completeRecordWithCutPaddingIsKeptAndRealigned() throws {
    let directory = TemporaryDirectory()
    do {
      let log = try makeLog(directory.path)
      for id in 1...3 { _ = try log.append([upsert(UInt64(id))]) }
    }
    let path = try walFile(directory.path)
    let size = try #require(try System.fileSize(path))
    let descriptor = try System.open(path, .writeOnly)
    try descriptor.truncate(to: size - 1)
    descriptor.close()
    let (log, recovery) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: true)
    #expect(recovery.operations.map(\.sequence) == [1, 2, 3])
    #expect(try #require(log).append([upsert(4)]) == 4)
    let (_, again) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: false)
    #expect(again.operations.map(\.sequence) == [1, 2, 3, 4])
  }

  @Test func damagedRecordFollowedByValidOnesIsCorruption() throws {
    let directory = TemporaryDirectory()
    do {
      let log = try makeLog(directory.path)
      for id in 1...4 { _ = try log.append([upsert(UInt64(id))]) }
    }
    let path = try walFile(directory.path)
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[WriteAheadLog.headerSize + 20] ^= 0x40  // inside record 1's body
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: true)
    } throws: { error in
      (error as? StoreError)?.kind == .corrupted && "\(error)".contains("later records exist")
    }
    #expect(try #require(FileManager.default.contents(atPath: path)) == bytes, "the damaged log was changed")
  }

  @Test func failedWriteIsRolledBackAndLogStaysUsable() throws {
    let directory = TemporaryDirectory()
    let log = try makeLog(directory.path)
    _ = try log.append([upsert(1)])
    FaultInjection.add(
      .init(operation: .write, pathContains: directory.path, code: System.errnoNoSpace, partialBytes: 12))
    #expect {
      _ = try log.append([upsert(2)])
    } throws: { error in
      (error as? StoreError)?.kind == .diskFull
    }
    FaultInjection.removeRules(matching: directory.path)
    #expect(try log.append([upsert(3)]) == 2)
    let (_, recovery) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: false)
    #expect(recovery.operations.map(\.operation) == [upsert(1), upsert(3)])
  }

  @Test func failedFsyncMakesTheLogRefuseWrites() throws {
    let directory = TemporaryDirectory()
    let log = try makeLog(directory.path)
    FaultInjection.add(.init(operation: .sync, pathContains: directory.path, code: System.errnoIO))
    #expect(throws: StoreError.self) { _ = try log.append([upsert(1)]) }
    FaultInjection.removeRules(matching: directory.path)
    #expect {
      _ = try log.append([upsert(2)])
    } throws: { error in
      (error as? StoreError)?.kind == .readOnly
    }
  }

  private func fsyncs(_ recorder: CrashRecorder) -> [String] {
    recorder.operations.compactMap { operation in
      if case .sync(_, let path) = operation { path } else { nil }
    }
  }

  @Test func oneFsyncCoversEveryRecordWrittenBeforeIt() throws {
    let directory = TemporaryDirectory()
    let log = try makeLog(directory.path)
    let recorder = CrashRecorder.start(under: directory.path)
    defer { recorder.stop() }
    let first = try log.write([upsert(1)])
    let second = try log.write([upsert(2)])
    try log.sync(before: first + 1)
    #expect(fsyncs(recorder).count == 1)
    // The writer of the second record finds it covered by the first writer's fsync.
    try log.sync(before: second + 1)
    #expect(fsyncs(recorder).count == 1)
    _ = try log.write([upsert(3)])
    try log.sync(before: second + 1)
    #expect(fsyncs(recorder).count == 1)
    try log.sync()
    #expect(fsyncs(recorder).count == 2)
  }

  @Test func rotationMakesTheFileItLeavesDurable() throws {
    let directory = TemporaryDirectory()
    let log = try makeLog(directory.path)
    let oldFile = try walFile(directory.path)
    let written = try log.write([upsert(1)])
    let recorder = CrashRecorder.start(under: directory.path)
    defer { recorder.stop() }
    try log.rotate()
    #expect(fsyncs(recorder).first == oldFile)
    let count = fsyncs(recorder).count
    // A writer still waiting for its record in the old file needs no fsync of the new one.
    try log.sync(before: written + 1)
    #expect(fsyncs(recorder).count == count)
  }

  @Test func writersOnManyThreadsAreAllDurableAndInOrder() throws {
    let directory = TemporaryDirectory()
    let log = try makeLog(directory.path)
    let writers = Mutex(())
    DispatchQueue.concurrentPerform(iterations: 8) { thread in
      for round in 0..<25 {
        // One writer at a time writes, as the collection's writers lock ensures; the syncs overlap.
        let sequence = writers.withLock { _ in try? log.write([upsert(UInt64(thread * 100 + round))]) }
        guard let sequence else { return }
        try? log.sync(before: sequence + 1)
      }
    }
    let (_, recovery) = try WriteAheadLog.recover(directory: directory.path, from: 1, repair: false)
    #expect(recovery.operations.map(\.sequence) == Array(1...200))
  }
}
