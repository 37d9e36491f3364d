import Testing
@testable import VectorEngine
@testable import Model

struct BadInputTests {
  private func collection(_ directory: TemporaryDirectory, distance: Distance = .dot) throws -> (
    Database, VectorCollection
  ) {
    let database = try Database(directory: directory.path)
    return (database, try database.createCollection("c", config: CollectionConfig(dimension: 3, distance: distance)))
  }

  @Test func wrongDimensionIsRefusedAndNothingIsStored() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    #expect {
      try collection.upsert([
        PointStruct(id: .number(1), vector: [1, 2, 3]), PointStruct(id: .number(7), vector: [1, 2]),
      ])
    } throws: { error in
      "\(error)" == "point 7: vector has 2 components, collection c needs 3"
    }
    #expect(try collection.count() == 0)
  }

  @Test(arguments: [Float.nan, .infinity, -.infinity])
  func nonFiniteComponentsAreRefused(value: Float) throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    #expect {
      try collection.upsert([PointStruct(id: .number(4), vector: [0, value, 1])])
    } throws: { error in
      "\(error)" == "point 4: vector component 1 is not finite (NaN or infinity)"
    }
    #expect(throws: StoreError.self) {
      try collection.search(SearchRequest(query: .vector([value, 0, 0]), exact: true))
    }
    #expect(try collection.count() == 0)
  }

  @Test func duplicateIdsInOneBatchKeepTheLastOccurrence() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    let result = try collection.upsert([
      PointStruct(id: .number(1), vector: [1, 0, 0], payload: ["v": 1]),
      PointStruct(id: .number(2), vector: [0, 1, 0]),
      PointStruct(id: .number(1), vector: [0, 0, 1], payload: ["v": 2]),
    ])
    #expect(result.affected == 2)
    let record = try #require(try collection.retrieve([.number(1)], withVector: true).first)
    #expect(record.vector == [0, 0, 1])
    #expect(record.payload == ["v": 2])
  }

  @Test func unknownCollectionIsNotFound() throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    #expect {
      _ = try database.collection("missing")
    } throws: { error in
      (error as? StoreError)?.kind == .notFound && "\(error)" == "collection missing does not exist"
    }
  }

  @Test func indexOnAFieldWithMixedTypesIsRefusedNamingAPoint() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    try collection.upsert([
      PointStruct(id: .number(1), vector: [1, 0, 0], payload: ["year": 2020]),
      PointStruct(id: .number(2), vector: [1, 0, 0], payload: ["year": "2021"]),
    ])
    #expect {
      try collection.createPayloadIndex(field: "year", type: .integer)
    } throws: { error in
      "\(error)" == "payload field \"year\" is indexed as integer, but point 2 has a string value there"
    }
    #expect(try collection.info().payloadSchema.isEmpty)
    // Once indexed, later writes of another type are refused too.
    try collection.delete(.ids([.number(2)]))
    try collection.createPayloadIndex(field: "year", type: .integer)
    #expect(throws: StoreError.self) {
      try collection.upsert([PointStruct(id: .number(3), vector: [0, 1, 0], payload: ["year": 1.5])])
    }
  }

  @Test(arguments: [
    "", "a/b", "a\\b", "x:y", "star*", "q?", "quote\"", "lt<", "gt>", "pipe|", ".hidden",
    String(repeating: "n", count: 256),
  ])
  func invalidCollectionNamesAreRefused(name: String) throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    #expect {
      try database.createCollection(name, config: CollectionConfig(dimension: 2, distance: .dot))
    } throws: { error in
      (error as? StoreError)?.kind == .invalidInput
    }
  }

  @Test func secondWriterGetsLockedWithThePid() throws {
    let directory = TemporaryDirectory()
    let first = try Database(directory: directory.path)
    #expect {
      _ = try Database(directory: directory.path)
    } throws: { error in
      // flock is per open file description, so a second open in this process conflicts too.
      (error as? StoreError)?.kind == .locked && "\(error)".contains("is in use by pid \(getpid())")
    }
    _ = first
  }
}

@_silgen_name("getpid") private func getpid() -> Int32
