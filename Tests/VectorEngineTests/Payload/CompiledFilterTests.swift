import Testing

@testable import VectorEngine
@testable import Model

/// A filter is prepared once per search: the text query tokenized, id and value lists hashed;
/// evaluating it per point then agrees with the rules in `FilterEvaluation.swift`.
struct CompiledFilterTests {
  private static let cap = CompiledFilter.maximumTextQueryWords

  /// `count` different words: `w0 w1 …`.
  private static func words(_ count: Int) -> String {
    (0..<count).map { "w\($0)" }.joined(separator: " ")
  }

  private func collection(_ directory: TemporaryDirectory) throws -> VectorCollection {
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "c", config: CollectionConfig(dimension: 2, distance: .dot, segmentPoints: 40))
    try collection.upsert(
      (0..<60).map { index in
        PointStruct(
          id: .number(UInt64(index)), vector: [1, Float(index)],
          payload: ["body": .string(Self.words(index % 5 == 0 ? Self.cap : 3))])
      })
    return collection
  }

  @Test func aFullTextQueryOverTheWordCapIsRefusedOnEveryPath() throws {
    let directory = TemporaryDirectory()
    let collection = try collection(directory)
    let filter = Filter(must: [.field(key: "body", .matchText(Self.words(Self.cap + 1)))])
    let attempts: [() throws -> Void] = [
      { _ = try collection.count(filter: filter) },
      { _ = try collection.scroll(filter: filter, limit: 10) },
      { _ = try collection.search(SearchRequest(query: .vector([1, 0]), filter: filter, limit: 3)) },
      { _ = try collection.search(SearchRequest(query: .vector([1, 0]), filter: filter, limit: 3, exact: true)) },
      { _ = try collection.delete(.filter(filter)) },
    ]
    for attempt in attempts {
      #expect {
        try attempt()
      } throws: { error in
        (error as? StoreError)?.kind == .invalidInput
          && "\(error)" == "full-text match on body has \(Self.cap + 1) different words, over the cap of \(Self.cap)"
      }
    }
    #expect(try collection.count() == 60)
    // At the cap the query runs, and repeated words count once.
    let atCap = Filter(must: [.field(key: "body", .matchText(Self.words(Self.cap) + " W0 w1"))])
    #expect(try collection.count(filter: atCap) == 12)
  }

  @Test func compiledFiltersAgreeWithThePlainRulesOnRandomFiltersAndPayloads() {
    var random = FilterFuzzRandom(seed: 2_024)
    for _ in 0..<3_000 {
      let filter = FilterFuzz.filter(depth: 2, using: &random)
      let payload = FilterFuzz.payload(using: &random)
      let id = PointID.number(UInt64.random(in: 0...4, using: &random))
      let compiled = CompiledFilter(filter)
      #expect(
        compiled.matches(id: id, payload: payload) == Reference.matches(filter, id: id, payload: payload),
        "\(filter) on \(JSONWriter.compact(.object(payload)))")
    }
  }

  @Test func longIdAndValueListsMatchAsShortOnesDo() {
    let ids = (0..<100_000).map { PointID.number(UInt64($0) * 3) }
    let values: [JSONValue] = (0..<100_000).map { .int(Int64($0) * 2) } + ["x", true, 2.5, 1e20]
    let filter = Filter(must: [.hasID(ids), .field(key: "v", .matchAny(values))])
    let compiled = CompiledFilter(filter)
    #expect(compiled.matches(id: .number(6), payload: ["v": 4]))
    #expect(compiled.matches(id: .number(6), payload: ["v": 4.0]))
    #expect(compiled.matches(id: .number(6), payload: ["v": -0.0]))
    #expect(compiled.matches(id: .number(6), payload: ["v": [7, "x"]]))
    #expect(compiled.matches(id: .number(6), payload: ["v": 1e20]))
    #expect(compiled.matches(id: .number(6), payload: ["v": 2.5]))
    #expect(!compiled.matches(id: .number(7), payload: ["v": 4]))
    #expect(!compiled.matches(id: .number(6), payload: ["v": 3]))
    #expect(!compiled.matches(id: .number(6), payload: ["v": "X"]))
    #expect(!compiled.matches(id: .number(6), payload: ["v": false]))
    let except = CompiledFilter(Filter(must: [.field(key: "v", .matchExcept(values))]))
    #expect(!except.matches(id: .number(1), payload: ["v": 4.0]))
    #expect(except.matches(id: .number(1), payload: ["v": 5]))
    #expect(except.matches(id: .number(1), payload: ["v": ["y", 4]]))
  }
}

/// The evaluation rules written out plainly (linear scans, the query tokenized per value), as
/// an oracle for ``CompiledFilter``.
private enum Reference {
  static func matches(_ filter: Filter, id: PointID, payload: JSONObject) -> Bool {
    if filter.must.contains(where: { !matches($0, id: id, payload: payload) }) { return false }
    if filter.mustNot.contains(where: { matches($0, id: id, payload: payload) }) { return false }
    if !filter.should.isEmpty, !filter.should.contains(where: { matches($0, id: id, payload: payload) }) {
      return false
    }
    if let minShould = filter.minShould, minShould.minCount > 0 {
      return minShould.conditions.filter { matches($0, id: id, payload: payload) }.count >= minShould.minCount
    }
    return true
  }

  static func matches(_ condition: FilterCondition, id: PointID, payload: JSONObject) -> Bool {
    switch condition {
    case .field(let key, let test):
      let found = (try? PayloadPath(key).values(in: payload)) ?? []
      let elements = found.flatMap { value -> [JSONValue] in
        if case .array(let items) = value { return items }
        return [value]
      }
      switch test {
      case .matchValue(let expected): return elements.contains { equal($0, expected) }
      case .matchAny(let list): return elements.contains { element in list.contains { equal(element, $0) } }
      case .matchExcept(let list):
        return elements.contains { element in element != .null && !list.contains { equal(element, $0) } }
      case .matchText(let query):
        let wanted = words(query)
        guard !wanted.isEmpty else { return false }
        return elements.contains { element in
          guard case .string(let text) = element else { return false }
          return wanted.isSubset(of: words(text))
        }
      case .range(let bounds):
        return elements.contains { $0.numberValue.map(bounds.contains) ?? false }
      }
    case .isEmpty(let key):
      let found = (try? PayloadPath(key).values(in: payload)) ?? []
      return found.allSatisfy { $0 == .null || $0 == [] }
    case .isNull(let key):
      return ((try? PayloadPath(key).values(in: payload)) ?? []).contains(.null)
    case .hasID(let ids):
      return ids.contains(id)
    case .filter(let nested):
      return matches(nested, id: id, payload: payload)
    }
  }

  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): x == y
    case (.bool(let x), .bool(let y)): x == y
    case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
      a.numberValue == b.numberValue && (a.integerValue == b.integerValue)
    default: false
    }
  }

  static func words(_ text: String) -> Set<String> {
    var result = Set<String>()
    var current = ""
    for character in text {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if !current.isEmpty {
        result.insert(current.lowercased())
        current = ""
      }
    }
    if !current.isEmpty { result.insert(current.lowercased()) }
    return result
  }
}
