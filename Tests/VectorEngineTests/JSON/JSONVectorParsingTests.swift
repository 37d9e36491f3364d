import Testing
@testable import Model

/// Arrays under vector keys are read straight to Floats; user data under opaque keys keeps its
/// exact numbers; anything that is not a number array is read the general way.
struct JSONVectorParsingTests {
  private func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(
      Array(text.utf8), vectorKeys: ["vector", "vectors", "query", ""], opaqueKeys: ["payload", "filter"])
  }

  @Test func vectorsAreTheCorrectlyRoundedFloatsOfTheirDecimalText() throws {
    let decimals = ["0.1", "0.44571480154991150", "-3.4028234663852886e38", "1e-45", "16777217", "0.30000001192092896"]
    let value = try parse(#"{"vector":[\#(decimals.joined(separator: ","))]}"#)
    let expected: [JSONValue] = decimals.map { .double(Double(Float($0) ?? .nan)) }
    #expect(value.objectValue?["vector"] == .array(expected))
  }

  @Test func arraysOfVectorsNamedDefaultVectorsAndNestedQueriesAreVectors() throws {
    let value = try parse(#"{"vectors":[[1,2],[3.5,4]],"points":[{"vector":{"":[0.1]}}],"query":{"nearest":[1]}}"#)
    let object = try #require(value.objectValue)
    #expect(object["vectors"] == .array([.array([.double(1), .double(2)]), .array([.double(3.5), .double(4)])]))
    let point = try #require(object["points"]?.arrayValue?.first?.objectValue)
    #expect(point["vector"]?.objectValue?[""] == .array([.double(Double(Float(0.1)))]))
  }

  @Test func payloadsAndFiltersKeepTheirExactNumbers() throws {
    let value = try parse(#"{"payload":{"vector":[1,0.1,18446744073709551615]},"filter":{"query":[2]}}"#)
    let object = try #require(value.objectValue)
    #expect(object["payload"]?.objectValue?["vector"] == .array([.int(1), .double(0.1), .uint(.max)]))
    #expect(object["filter"]?.objectValue?["query"] == .array([.int(2)]))
  }

  @Test func whatIsNotANumberArrayIsReadTheGeneralWay() throws {
    #expect(try parse(#"{"vector":["a",1]}"#).objectValue?["vector"] == .array([.string("a"), .int(1)]))
    #expect(try parse(#"{"query":42}"#).objectValue?["query"] == .int(42))
    #expect(try parse(#"{"vectors":[[1],"x"]}"#).objectValue?["vectors"] == .array([.array([.int(1)]), .string("x")]))
    #expect(throws: JSONSyntaxError.self) { try parse(#"{"vector":[1,}"#) }
    #expect(throws: JSONSyntaxError.self) { try parse(#"{"vector":[1,2]"#) }
  }
}
