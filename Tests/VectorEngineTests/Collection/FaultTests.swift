import Testing
@testable import VectorEngine
@testable import Model

/// Injected I/O failures: what was acknowledged stays acknowledged, nothing half-written.
struct FaultTests {
  @Test func aFailedSealDoesNotFailAnAcknowledgedWrite() throws {
    let directory = TemporaryDirectory()
    do {
      let database = try Database(directory: directory.path)
      let collection = try database.createCollection(
        "f", config: CollectionConfig(dimension: 2, distance: .dot, segmentPoints: 10))
      let segments = directory.path + "/collections/f/seg-"
      FaultInjection.add(.init(operation: .rename, pathContains: segments, code: System.errnoNoSpace))
      // Reaching the segment size triggers a seal, whose segment file cannot be published.
      try collection.upsert((0..<10).map { PointStruct(id: .number(UInt64($0)), vector: [1, Float($0)]) })
      FaultInjection.removeRules(matching: segments)
      #expect(collection.recoveryNotes.contains { $0.contains("sealing collection f failed and will be retried") })
      #expect(try collection.count() == 10)
      #expect(try collection.info().segmentsCount == 1)  // still only the unsealed points
      try collection.upsert([PointStruct(id: .number(10), vector: [1, 1])])  // the seal is retried
      #expect(try collection.info().unsealedPoints == 0)
      try database.close()
    }
    let reopened = try Database(directory: directory.path).collection("f")
    #expect(try reopened.count() == 11)
  }

  @Test func aFullDiskDuringIndexCreationLeavesNoIndex() throws {
    let directory = TemporaryDirectory()
    do {
      let database = try Database(directory: directory.path)
      let collection = try database.createCollection(
        "g", config: CollectionConfig(dimension: 2, distance: .dot, segmentPoints: 5))
      try collection.upsert(
        (0..<12).map { PointStruct(id: .number(UInt64($0)), vector: [1, 0], payload: ["k": .string("v\($0 % 2)")]) })
      let folder = directory.path + "/collections/g/"
      FaultInjection.add(.init(operation: .rename, pathContains: folder + "MANIFEST", code: System.errnoNoSpace))
      #expect {
        try collection.createPayloadIndex(field: "k", type: .keyword)
      } throws: { error in
        (error as? StoreError)?.kind == .diskFull
      }
      FaultInjection.removeRules(matching: folder + "MANIFEST")
      #expect(try collection.info().payloadSchema.isEmpty)
      try database.close()
    }
    let reopened = try Database(directory: directory.path).collection("g")
    #expect(try reopened.info().payloadSchema.isEmpty)
    #expect(try reopened.count(filter: try Filter.parse("k:v1")) == 6)
  }
}
