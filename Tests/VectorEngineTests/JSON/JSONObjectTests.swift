import Testing
@testable import VectorEngine
@testable import Model

/// Objects keep insertion order and look keys up in constant time at any size.
struct JSONObjectTests {
  /// `{"k0":0,"k1":1,…}` with `count` keys.
  private static func wideObjectText(_ count: Int) -> String {
    var text = "{"
    for index in 0..<count {
      if index > 0 { text += "," }
      text += "\"k\(index)\":\(index)"
    }
    return text + "}"
  }

  @Test func aHundredThousandKeyObjectParsesAndFindsEveryKey() throws {
    let count = 100_000
    let object = try #require(try JSONParser.parse(Self.wideObjectText(count)).objectValue)
    #expect(object.count == count)
    #expect(object.keys.first == "k0")
    #expect(object.keys.last == "k\(count - 1)")
    var wrong = 0
    for index in 0..<count where object["k\(index)"] != .int(Int64(index)) { wrong += 1 }
    #expect(wrong == 0)
    #expect(object["k\(count)"] == nil)
  }

  @Test func aWideObjectBuiltByAssignmentKeepsOrderAndReplacesInPlace() {
    var object = JSONObject()
    for index in 0..<50_000 { object["k\(index)"] = .int(Int64(index)) }
    for index in stride(from: 0, to: 50_000, by: 7) { object["k\(index)"] = .string("x") }
    #expect(object.count == 50_000)
    #expect(object.keys[7] == "k7")
    #expect(object["k7"] == "x")
    #expect(object["k8"] == 8)
  }

  @Test(arguments: [4, 40, 40_000])
  func removalKeepsTheOrderOfTheRest(count: Int) {
    var object = JSONObject()
    for index in 0..<count { object["k\(index)"] = .int(Int64(index)) }
    object["k1"] = nil
    object["k\(count - 1)"] = nil
    object["missing"] = nil
    var expected = (0..<count).map { "k\($0)" }
    expected.removeAll { $0 == "k1" || $0 == "k\(count - 1)" }
    #expect(object.keys == expected)
    #expect(object.values.count == expected.count)
    #expect(object["k1"] == nil)
    #expect(object["k2"] == 2)
    // Every remaining key still finds its own value after the shift.
    #expect(expected.allSatisfy { object[$0] == .int(Int64($0.dropFirst())!) })
    object["k1"] = "back"
    #expect(object.keys.last == "k1")
    #expect(object["k1"] == "back")
  }

  @Test(arguments: [3, 30, 30_000])
  func removingManyKeysAtOnceKeepsOrder(count: Int) {
    var object = JSONObject()
    for index in 0..<count { object["k\(index)"] = .int(Int64(index)) }
    let doomed = (0..<count).filter { $0 % 3 == 0 }.map { "k\($0)" } + ["absent"]
    object.removeFields(doomed)
    let kept = (0..<count).filter { $0 % 3 != 0 }.map { "k\($0)" }
    #expect(object.keys == kept)
    #expect(kept.allSatisfy { object[$0] == .int(Int64($0.dropFirst())!) })
    #expect(doomed.allSatisfy { object[$0] == nil })
  }

  @Test(arguments: [5, 50, 50_000])
  func mergeReplacesExistingKeysInPlaceAndAppendsNewOnes(count: Int) {
    var object = JSONObject()
    for index in 0..<count { object["k\(index)"] = .int(Int64(index)) }
    var other = JSONObject()
    other["new"] = true
    other["k0"] = "zero"
    for index in 0..<count where index % 2 == 1 { other["k\(index)"] = .null }
    object.merge(other)
    #expect(object.count == count + 1)
    #expect(object.keys.first == "k0")
    #expect(object.keys.last == "new")
    #expect(object["k0"] == "zero")
    #expect(object["k1"] == .null)
    #expect(count < 3 || object["k2"] == 2)
  }

  @Test(arguments: [3, 30, 30_000])
  func equalityAndHashingIgnoreKeyOrder(count: Int) {
    var forward = JSONObject()
    var backward = JSONObject()
    for index in 0..<count { forward["k\(index)"] = .int(Int64(index)) }
    for index in (0..<count).reversed() { backward["k\(index)"] = .int(Int64(index)) }
    #expect(forward == backward)
    #expect(forward.hashValue == backward.hashValue)
    #expect(Set([JSONValue.object(forward), .object(backward)]).count == 1)
    backward["k0"] = "changed"
    #expect(forward != backward)
    backward["k0"] = 0
    backward["extra"] = 1
    #expect(forward != backward)
    backward["extra"] = nil
    #expect(forward == backward)
  }

  @Test func aWideObjectWithADuplicateKeyKeepsTheFirstPositionAndTheLastValue() throws {
    let text = String(Self.wideObjectText(1_000).dropLast()) + #","k3":"last"}"#
    let object = try #require(try JSONParser.parse(text).objectValue)
    #expect(object.count == 1_000)
    #expect(object.keys[3] == "k3")
    #expect(object["k3"] == "last")
  }

  @Test(arguments: [2, 2_000])
  func canonicallyEquivalentKeysAreOneKeyAtEverySize(filler: Int) {
    var object = JSONObject()
    for index in 0..<filler { object["k\(index)"] = .int(Int64(index)) }
    object["caf\u{E9}"] = 1
    object["cafe\u{301}"] = 2
    #expect(object.count == filler + 1)
    #expect(object["caf\u{E9}"] == 2)
    #expect(object.keys.last?.unicodeScalars.count == 4)
  }
}
