import Foundation
import Operations
import Testing
@testable import VectorEngine
@testable import Model

/// Closing the data directory after a command: a seal that cannot run then (a full disk) is a
/// warning, not a failure: the command's work is already durable in the write-ahead log.
struct EmbeddedBackendClosingTests {
  @Test(arguments: [Operations.ExitStatus.success, .commandFailed])
  func aSealThatFailsOnCloseIsAWarningAndKeepsTheStatus(_ status: Operations.ExitStatus) throws {
    let directory = try TemporaryDirectory()
    let data = directory.path + "/data"
    do {
      let backend = try EmbeddedBackend(directory: data)
      try backend.createCollection("docs", config: CollectionConfig(dimension: 2, distance: .dot))
      // 1,000 unsealed points: closing seals them into a segment file.
      _ = try backend.upsert(
        collection: "docs", points: (0..<1_000).map { PointStruct(id: .number(UInt64($0)), vector: [1, Float($0)]) })
      let segments = data + "/collections/docs/seg-"
      FaultInjection.add(.init(operation: .rename, pathContains: segments, code: System.errnoNoSpace, count: 100))
      defer { FaultInjection.removeRules(matching: segments) }
      var lines: [String] = []
      #expect(backend.close(after: status) { lines.append($0) } == status)
      #expect(lines.count == 1)
      let line = try #require(lines.first)
      #expect(line.hasPrefix("warning: "))
      #expect(line.contains("disk full") && line.contains("safe in the write-ahead log") && line.contains("retried"))
    }
    let reopened = try EmbeddedBackend(directory: data)
    #expect(try reopened.count(collection: "docs", filter: nil) == 1_000)
  }

  @Test func everyCollectionIsClosedWhenOneCannotBeSealed() throws {
    let directory = try TemporaryDirectory()
    let data = directory.path + "/data"
    do {
      let backend = try EmbeddedBackend(directory: data)
      for name in ["a", "b"] {
        try backend.createCollection(name, config: CollectionConfig(dimension: 2, distance: .dot))
        _ = try backend.upsert(
          collection: name, points: (0..<1_000).map { PointStruct(id: .number(UInt64($0)), vector: [1, Float($0)]) })
      }
      let segments = data + "/collections/a/seg-"
      FaultInjection.add(.init(operation: .rename, pathContains: segments, code: System.errnoNoSpace, count: 100))
      defer { FaultInjection.removeRules(matching: segments) }
      var lines: [String] = []
      #expect(backend.close(after: .success) { lines.append($0) } == .success)
      #expect(lines.count == 1 && lines[0].contains("collection a:") && !lines[0].contains("collection b:"))
    }
    let reopened = try EmbeddedBackend(directory: data)
    #expect(try reopened.collectionInfo("a").unsealedPoints == 1_000)
    #expect(try reopened.collectionInfo("b").unsealedPoints == 0)
    #expect(try reopened.count(collection: "b", filter: nil) == 1_000)
  }

  @Test func aCleanCloseSaysNothing() throws {
    let directory = try TemporaryDirectory()
    let backend = try EmbeddedBackend(directory: directory.path + "/data")
    try backend.createCollection("docs", config: CollectionConfig(dimension: 2, distance: .dot))
    var lines: [String] = []
    #expect(backend.close(after: .success) { lines.append($0) } == .success)
    #expect(lines.isEmpty)
  }
}
