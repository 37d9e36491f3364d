import Testing
@testable import VectorEngine
@testable import Model

/// Payload objects, at any depth, hold at most ``PayloadLimits/maximumKeysPerObject`` keys.
struct PayloadLimitsTests {
  private static let cap = PayloadLimits.maximumKeysPerObject

  private func collection(_ directory: TemporaryDirectory) throws -> (Database, VectorCollection) {
    let database = try Database(directory: directory.path)
    return (database, try database.createCollection("c", config: CollectionConfig(dimension: 2, distance: .dot)))
  }

  private static func object(keys: Int, prefix: String = "k") -> JSONObject {
    var object = JSONObject()
    for index in 0..<keys { object["\(prefix)\(index)"] = .int(Int64(index)) }
    return object
  }

  @Test func aPayloadAtTheCapIsStoredAndReadBack() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    let payload = Self.object(keys: Self.cap)
    try collection.upsert([PointStruct(id: .number(1), vector: [1, 0], payload: payload)])
    #expect(try collection.retrieve([.number(1)]).first?.payload == payload)
  }

  @Test func anUpsertWithAnObjectOverTheCapIsRefusedNamingThePointAndThePath() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    let wide = Self.object(keys: Self.cap + 1)
    let cases: [(JSONObject, String)] = [
      (wide, "point 9: the payload has \(Self.cap + 1) keys, over the cap of \(Self.cap) keys per object"),
      (
        ["meta": ["tags": [1, .object(wide)]]],
        "point 9: the payload object at meta.tags[1] has \(Self.cap + 1) keys, over the cap of \(Self.cap) keys per object"
      ),
    ]
    for (payload, message) in cases {
      #expect {
        try collection.upsert([
          PointStruct(id: .number(1), vector: [1, 0]), PointStruct(id: .number(9), vector: [0, 1], payload: payload),
        ])
      } throws: { error in
        (error as? StoreError)?.kind == .invalidInput && "\(error)" == message
      }
    }
    #expect(try collection.count() == 0)
  }

  @Test func setAndOverwritePayloadRefuseAnObjectOverTheCap() throws {
    let directory = TemporaryDirectory()
    let (_, collection) = try collection(directory)
    try collection.upsert([PointStruct(id: .number(1), vector: [1, 0], payload: ["a": 1])])
    let wide: JSONObject = ["nested": .object(Self.object(keys: Self.cap + 1))]
    for write in [
      { () throws in _ = try collection.setPayload(wide, on: .ids([.number(1)])) },
      { () throws in _ = try collection.overwritePayload(wide, on: .ids([.number(1)])) },
    ] {
      #expect {
        try write()
      } throws: { error in
        (error as? StoreError)?.kind == .invalidInput
          && "\(error)"
            == "the payload object at nested has \(Self.cap + 1) keys, over the cap of \(Self.cap) keys per object"
      }
    }
    #expect(try collection.retrieve([.number(1)]).first?.payload == ["a": 1])
  }

  @Test func pathsInTheMessageAreEscapedAndCut() {
    let long = String(repeating: "x", count: 100)
    let payload: JSONObject = ["a.b\n\"": [long: .object(Self.object(keys: Self.cap + 1))]]
    let problem = PayloadLimits.problem(in: payload)
    #expect(problem?.keys == Self.cap + 1)
    #expect(problem?.path == #""a.b\n\"".""# + String(repeating: "x", count: 40) + #"…""#)
    #expect(PayloadLimits.problem(in: Self.object(keys: Self.cap)) == nil)
  }
}
