import Testing
import VectorEngine
@testable import Model

/// Every numeric knob of a request is checked against a published range before any work or
/// allocation: out of range is `invalidInput` naming the option and the range.
struct RequestLimitsTests {
  private func collection(_ directory: TemporaryDirectory) throws -> (Database, VectorCollection) {
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection("c", config: CollectionConfig(dimension: 2, distance: .dot))
    try collection.upsert((1...5).map { PointStruct(id: .number(UInt64($0)), vector: [1, Float($0)]) })
    return (database, collection)
  }

  private func refusal(_ option: String, _ range: String) -> ((any Error)?) -> Bool {
    { error in
      guard let error = error as? StoreError else { return false }
      return error.kind == .invalidInput && error.message.contains(option) && error.message.contains(range)
    }
  }

  @Test(arguments: [0, -1, 65_537, 1_000_000_000_000, Int.max, Int.min])
  func searchRefusesAnEfOutOfRange(_ ef: Int) throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    for exact in [false, true] {
      let error = #expect(
        throws: (any Error).self,
        performing: {
          try collection.search(SearchRequest(query: .vector([1, 0]), limit: 3, exact: exact, ef: ef))
        })
      #expect(refusal("ef", "1 and 65536")(error))
    }
  }

  @Test(arguments: [0, -1, 10_001, 1_000_000_000_000, Int.max])
  func searchRefusesALimitOutOfRange(_ limit: Int) throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    let error = #expect(
      throws: (any Error).self,
      performing: {
        try collection.search(SearchRequest(query: .point(.number(1)), limit: limit))
      })
    #expect(refusal("limit", "1 and 10000")(error))
  }

  @Test func searchAcceptsTheEdgesOfTheRanges() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    #expect(try collection.search(SearchRequest(query: .vector([1, 0]), limit: 1, ef: 1)).count == 1)
    #expect(try collection.search(SearchRequest(query: .vector([1, 0]), limit: 10_000, ef: 65_536)).count == 5)
  }

  @Test(arguments: [-1, 100_001, 1_000_000_000_000, Int.max])
  func scrollRefusesALimitOutOfRange(_ limit: Int) throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    let error = #expect(throws: (any Error).self, performing: { try collection.scroll(limit: limit) })
    #expect(refusal("limit", "0 and 100000")(error))
  }

  @Test(
    arguments: [
      (0, 10, nil), (1_000_000_000_000, 10, nil), (5, 0, nil), (5, 1_000_000_000_000, nil), (5, 10, 0),
      (5, 10, 1_000_000_000_000),
    ] as [(Int, Int, Int?)])
  func qualityRefusesSampleLimitAndEfOutOfRange(_ sample: Int, _ limit: Int, _ ef: Int?) throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    let error = #expect(
      throws: (any Error).self, performing: { try collection.measureQuality(sample: sample, limit: limit, ef: ef) })
    let option = sample != 5 ? "sample" : limit != 10 ? "limit" : "ef"
    let engineError = error as? StoreError
    #expect(engineError?.kind == .invalidInput && engineError?.message.hasPrefix(option + " must be between") == true)
  }

  @Test(arguments: [
    CollectionConfig(dimension: 2, distance: .dot, hnswM: 1_000_000_000_000),
    CollectionConfig(dimension: 2, distance: .dot, hnswEfConstruct: 0),
    CollectionConfig(dimension: 2, distance: .dot, hnswEf: 1_000_000_000_000),
    CollectionConfig(dimension: 2, distance: .dot, segmentPoints: 0),
    CollectionConfig(dimension: 0, distance: .dot),
  ])
  func collectionSettingsOutOfRangeAreRefused(_ config: CollectionConfig) throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    let error = #expect(throws: (any Error).self, performing: { try database.createCollection("c", config: config) })
    let engineError = error as? StoreError
    #expect(engineError?.kind == .invalidInput && engineError?.message.contains("must be between") == true)
  }
}
