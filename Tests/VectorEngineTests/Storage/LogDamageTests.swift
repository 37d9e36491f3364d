import Foundation
import Testing
@testable import VectorEngine
@testable import Model

/// A damaged or crafted write-ahead log is reported, never dropped or applied: only an
/// interrupted append may be cut, and every replayed operation is checked as a write is.
struct LogDamageTests {
  /// A collection `c` (dimension 4, `distance`) with points 1…3 logged but not sealed.
  private func collection(_ directory: String, distance: Distance = .dot) throws -> String {
    let database = try Database(directory: directory)
    let collection = try database.createCollection("c", config: CollectionConfig(dimension: 4, distance: distance))
    try collection.createPayloadIndex(field: "tenant", type: .keyword)
    for id in 1...3 {
      try collection.upsert([
        PointStruct(id: .number(UInt64(id)), vector: [1, 0, 0, Float(id)], payload: ["tenant": "a"])
      ])
    }
    return directory + "/collections/c"
  }

  private func walFile(_ folder: String) throws -> String {
    folder + "/"
      + (try #require(
        try System.listDirectory(folder).filter { $0.hasPrefix("wal-") && $0.hasSuffix(".log") }.sorted().last))
  }

  /// Appends `operation` to the log as it is, bypassing every check a write makes.
  private func logUnchecked(_ operation: CollectionOperation, in folder: String) throws {
    let manifest = try CollectionManifest.read(from: folder)
    let log = try #require(try WriteAheadLog.recover(directory: folder, from: manifest.walStart, repair: true).log)
    _ = try log.append([operation])
  }

  private func open(_ directory: String, readOnly: Bool = false) throws -> VectorCollection {
    try Database(directory: directory, readOnly: readOnly).collection("c")
  }

  private func isCorrupted(_ error: any Error, mentioning text: String) -> Bool {
    (error as? StoreError)?.kind == .corrupted && "\(error)".contains(text)
  }

  @Test func aFlippedBitInTheLastCompleteRecordIsDamageAndTheFileIsKept() throws {
    let directory = TemporaryDirectory()
    let folder = try collection(directory.path)
    let path = try walFile(folder)
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[bytes.count - 12] ^= 0x04  // inside the last record's body
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try open(directory.path)
    } throws: { error in
      isCorrupted(error, mentioning: "record 3") && "\(error)".contains("not an interrupted write")
    }
    #expect(try #require(FileManager.default.contents(atPath: path)) == bytes, "the damaged log was truncated")
    // Read-only, the intact records before the damage are there, and a note says so.
    let readOnly = try open(directory.path, readOnly: true)
    #expect(try readOnly.count() == 2)
    #expect(readOnly.recoveryNotes.contains { $0.contains("write-ahead log damaged") && $0.contains("record 3") })
  }

  @Test func aDamagedLengthFieldOfACompleteRecordIsNotMistakenForATornWrite() throws {
    let directory = TemporaryDirectory()
    let folder = try collection(directory.path)
    let path = try walFile(folder)
    var bytes = try #require(FileManager.default.contents(atPath: path))
    // The last record's length field: make it run past the end of the file.
    let records = try WriteAheadLog.recover(directory: folder, from: 1, repair: false).recovery.operations
    let last = try #require(records.last)
    bytes[last.offset + 2] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try open(directory.path)
    } throws: { error in
      isCorrupted(error, mentioning: "length field is damaged")
    }
  }

  @Test func zeroedTailAndCutRecordAreInterruptedWritesAndAreDropped() throws {
    for zeroed in [true, false] {
      let directory = TemporaryDirectory()
      let folder = try collection(directory.path)
      let path = try walFile(folder)
      var bytes = try #require(FileManager.default.contents(atPath: path))
      let last = try #require(
        try WriteAheadLog.recover(directory: folder, from: 1, repair: false).recovery.operations.last)
      if zeroed {
        for index in last.offset..<bytes.count { bytes[index] = 0 }
      } else {
        bytes.removeLast(5)
      }
      try bytes.write(to: URL(fileURLWithPath: path))
      let reopened = try open(directory.path)
      #expect(try reopened.count() == 2)
      #expect(reopened.recoveryNotes.contains { $0.contains("incomplete record") })
    }
  }

  @Test func aMissingOrHeaderlessLogIsReportedNotRecreated() throws {
    for damage in ["deleted", "empty", "short"] {
      let directory = TemporaryDirectory()
      let folder = try collection(directory.path)
      let path = try walFile(folder)
      switch damage {
      case "deleted": try FileManager.default.removeItem(atPath: path)
      case "empty": try Data().write(to: URL(fileURLWithPath: path))
      default: try Data(repeating: 7, count: 12).write(to: URL(fileURLWithPath: path))
      }
      #expect(throws: StoreError.self, "a \(damage) log was accepted") { _ = try open(directory.path) }
      #expect {
        _ = try open(directory.path)
      } throws: { error in
        isCorrupted(error, mentioning: damage == "deleted" ? "missing" : "shorter than its header")
      }
    }
  }

  @Test func settingTheDamageAsideKeepsTheIntactRecordsAndTheDamagedFile() throws {
    let directory = TemporaryDirectory()
    let folder = try collection(directory.path)
    let path = try walFile(folder)
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[bytes.count - 12] ^= 0x04
    try bytes.write(to: URL(fileURLWithPath: path))
    let manifest = try CollectionManifest.read(from: folder)
    let aside = try WriteAheadLog.setAsideDamage(directory: folder, from: manifest.walStart)
    #expect(aside.count == 1)
    #expect(FileManager.default.contents(atPath: folder + "/" + aside[0]) == bytes)
    let reopened = try open(directory.path)
    #expect(try reopened.count() == 2)
    try reopened.upsert([PointStruct(id: .number(9), vector: [1, 1, 1, 1], payload: ["tenant": "b"])])
    #expect(try reopened.count() == 3)
  }

  @Test(arguments: ["short vector", "long vector", "NaN", "infinity", "keyword index type", "set payload type"])
  func replayRefusesWhatAnUpsertWouldRefuse(crafted: String) throws {
    let directory = TemporaryDirectory()
    let folder = try collection(directory.path)
    let operation: CollectionOperation
    switch crafted {
    case "short vector": operation = .upsert([PointStruct(id: .number(7), vector: [1, 2, 3])])
    case "long vector": operation = .upsert([PointStruct(id: .number(7), vector: [1, 2, 3, 4, 5, 6, 7, 8, 9])])
    case "NaN": operation = .upsert([PointStruct(id: .number(7), vector: [1, .nan, 0, 0])])
    case "infinity": operation = .upsert([PointStruct(id: .number(7), vector: [1, .infinity, 0, 0])])
    case "keyword index type":
      operation = .upsert([PointStruct(id: .number(7), vector: [1, 2, 3, 4], payload: ["tenant": 42])])
    default: operation = .setPayload(ids: [.number(1)], payload: ["tenant": .array([1, 2])])
    }
    try logUnchecked(operation, in: folder)
    // A later, valid record after the crafted one is not replayed either.
    try logUnchecked(.upsert([PointStruct(id: .number(8), vector: [1, 2, 3, 4])]), in: folder)
    #expect {
      _ = try open(directory.path)
    } throws: { error in
      isCorrupted(error, mentioning: "record 4")
    }
    let readOnly = try open(directory.path, readOnly: true)
    #expect(try readOnly.count() == 3)
    let stored = try readOnly.scroll(limit: 10, withVector: true).points
    #expect(stored.allSatisfy { $0.vector?.count == 4 })
    #expect(try readOnly.count(filter: try Filter.parse("tenant:a")) == 3)
  }

  @Test func replayRefusesAnUnnormalizedOrZeroCosineVector() throws {
    for vector: [Float] in [[3, 4, 0, 0], [0, 0, 0, 0]] {
      let directory = TemporaryDirectory()
      let folder = try collection(directory.path, distance: .cosine)
      try logUnchecked(.upsert([PointStruct(id: .number(7), vector: vector)]), in: folder)
      #expect {
        _ = try open(directory.path)
      } throws: { error in
        isCorrupted(error, mentioning: "point 7")
      }
    }
  }

  @Test func aCosineCollectionRefusesAnAllZeroVector() throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection("c", config: CollectionConfig(dimension: 3, distance: .cosine))
    #expect {
      try collection.upsert([PointStruct(id: .number(1), vector: [0, 0, 0])])
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput && "\(error)".contains("no direction")
    }
    #expect {
      _ = try collection.search(SearchRequest(query: .vector([0, 0, 0]), limit: 3))
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput
    }
  }
}
