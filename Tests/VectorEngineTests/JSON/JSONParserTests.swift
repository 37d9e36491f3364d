import TestSupport
import Testing
@testable import VectorEngine
@testable import Model

struct JSONParserTests {
  @Test func integersStayIntegersAndOtherNumbersAreDoubles() throws {
    #expect(
      try JSONParser.parse("[0, -7, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.5, 2e3, -0.0]")
        == .array([
          .int(0), .int(-7), .int(.max), .int(.min), .uint(9_223_372_036_854_775_808), .double(1.5), .double(2000),
          .double(-0.0),
        ]))
  }

  @Test(arguments: [
    ("9223372036854775808", JSONValue.uint(1 << 63)),
    ("9999999999999999999", .uint(9_999_999_999_999_999_999)),
    ("10000000000000000000", .uint(10_000_000_000_000_000_000)),
    ("18446744073709551615", .uint(.max)),
    ("18446744073709551616", .double(18_446_744_073_709_551_616)),
    ("99999999999999999999", .double(1e20)),
    ("-9223372036854775809", .double(-9_223_372_036_854_775_809)),
    ("18446744073709551615.0", .double(18_446_744_073_709_551_615)),
    ("1.8446744073709552e19", .double(18_446_744_073_709_551_616)),
  ])
  func integersUpToUInt64MaxParseExactlyAndWriteBackUnchanged(text: String, expected: JSONValue) throws {
    let value = try JSONParser.parse(text)
    #expect(value == expected)
    if case .uint = expected {
      #expect(JSONWriter.compact(value) == text)
      #expect(JSONWriter.pretty(.array([value])) == "[\n  \(text)\n]")
      #expect(value.typeName == "integer")
    }
  }

  @Test(arguments: [
    ("1e400", 1), ("-1e400", 1), ("[1, {\"a\": 2e308}]", 11), ("1" + String(repeating: "0", count: 400) + ".5", 1),
  ])
  func aNumberNoDoubleCanHoldIsRefusedWithItsPlace(text: String, column: Int) throws {
    // It would otherwise become an infinity that no JSON writer can write back.
    let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    #expect(error.message == "number out of range")
    #expect(error.line == 1 && error.column == column)
    #expect(try JSONParser.parse("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
  }

  @Test func anIntegerHasOneCanonicalFormForEqualityAndHashing() {
    #expect(JSONValue.uint(5) == .int(5))
    #expect(Set<JSONValue>([.uint(5), .int(5), .integer(5)]).count == 1)
    #expect(JSONValue.integer(UInt64(Int64.max)) == .int(.max))
    #expect(JSONValue.integer(UInt64(Int64.max) + 1) == .uint(UInt64(Int64.max) + 1))
    #expect(JSONValue.uint(.max) != .double(1.8446744073709552e19))
    #expect(JSONValue.uint(.max).unsignedIntegerValue == .max)
    #expect(JSONValue.uint(.max).integerValue == nil)
    #expect(JSONValue.int(-1).unsignedIntegerValue == nil)
    #expect(PointID(json: .uint(.max)) == .number(.max))
    #expect(PointID.number(.max).json == .uint(.max))
    #expect(PointID.number(1 << 63).json.jsonText == "9223372036854775808")
  }

  @Test func objectsKeepKeyOrderAndLastDuplicateWins() throws {
    let value = try JSONParser.parse(#"{"b": 1, "a": {"x": [true, null]}, "b": "two"}"#)
    let object = try #require(value.objectValue)
    #expect(object.keys == ["b", "a"])
    #expect(object["b"] == "two")
    #expect(JSONWriter.compact(value) == #"{"b":"two","a":{"x":[true,null]}}"#)
  }

  @Test func stringEscapesAndSurrogatePairsRoundTrip() throws {
    let value = try JSONParser.parse(#""q\" \\ \/ \n \t \u00e9 \ud83d\ude00 日本""#)
    #expect(value == .string("q\" \\ / \n \t é 😀 日本"))
    #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
  }

  @Test func writerEscapesWhatJSONRequiresAndCopiesTheRest() {
    #expect(JSONWriter.quoted("a\"b\\c\n\r\t\u{01}\u{1f}\u{7f}é😀") == #""a\"b\\c\n\r\t\u0001\u001f\#u{7f}é😀""#)
    #expect(
      JSONWriter.compact([.int(.min), .int(-7), .int(0), .uint(.max), .uint(10)])
        == "[-9223372036854775808,-7,0,18446744073709551615,10]")
    #expect(JSONWriter.pretty(["k": ["x": .null]]) == "{\n  \"k\": {\n    \"x\": null\n  }\n}")
  }

  @Test(arguments: [
    ("{\"a\": 1,}", 1, 9, "expected a string key"),
    ("[1, 2", 1, 6, "unexpected end of input inside an array"),
    ("{\n  \"a\": tru\n}", 2, 8, "invalid literal"),
    ("01", 1, 2, "leading zero in a number"),
    ("\"abc", 1, 1, "unterminated string"),
    ("[1] x", 1, 5, "unexpected text after the JSON value"),
    ("\"\\ud800\"", 1, 8, "unpaired surrogate in \\u escape"),
  ])
  func errorsNameLineAndColumn(text: String, line: Int, column: Int, message: String) {
    #expect {
      _ = try JSONParser.parse(text)
    } throws: { error in
      guard let error = error as? JSONSyntaxError else { return false }
      return error.line == line && error.column == column && error.message == message
    }
  }

  @Test func objectsWiderThanTheCallersCapAreRefusedAtTheKeyPastIt() throws {
    #expect(
      try JSONParser.parse(Array(#"{"a": 1, "b": {"c": 2, "d": 3}, "e": 4}"#.utf8), maximumKeysPerObject: 3)
        .objectValue?.count == 3)
    for (text, column) in [
      (#"{"a": 1, "b": 2, "c": 3, "d": 4}"#, 26), (#"[{"x": {"a": 1, "b": 2, "c": 3, "d": 4}}]"#, 33),
    ] {
      #expect {
        _ = try JSONParser.parse(Array(text.utf8), maximumKeysPerObject: 3)
      } throws: { error in
        guard let error = error as? JSONSyntaxError else { return false }
        return error.kind == .tooManyKeys && error.line == 1 && error.column == column
          && error.message == "an object has more than 3 keys"
      }
    }
    // A duplicate key counts: the cap bounds the work, not the result.
    #expect(throws: JSONSyntaxError.self) {
      _ = try JSONParser.parse(Array(#"{"a": 1, "a": 2, "a": 3, "a": 4}"#.utf8), maximumKeysPerObject: 3)
    }
    #expect(try JSONParser.parse(Array(#"{"a": 1, "a": 2}"#.utf8)).objectValue?.count == 1)
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(text) }
  }

  @Test func floatArraysReadBackBitExactFromShortestAndLongForms() throws {
    var generator = SeededGenerator(seed: 42)
    var values: [Float] = [
      0, -0.0, 1, -1, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-30, 3.4e38, 0.1, 16_777_216, 16_777_218,
    ]
    for _ in 0..<20_000 {
      values.append(
        Float(bitPattern: UInt32.random(in: 0..<0x7F80_0000, using: &generator))
          * (Bool.random(using: &generator) ? 1 : -1))
      values.append(Float.random(in: -1...1, using: &generator))
    }
    let shortest = "[" + values.map { JSONWriter.number($0) }.joined(separator: ",") + "]"
    let long = "[" + values.map { "\(Double($0))" }.joined(separator: ", ") + "]"
    for text in [shortest, long] {
      var copy = text
      let parsed = try copy.withUTF8 { buffer in
        var parser = JSONParser(bytes: UnsafeRawBufferPointer(buffer))
        return try parser.readFloatArray()
      }
      #expect(parsed.count == values.count)
      for (read, written) in zip(parsed, values) where read.bitPattern != written.bitPattern {
        Issue.record("read \(read) for \(written)")
        break
      }
    }
  }

  @Test func floatArrayParsingAgreesWithTheStandardLibraryOnDecimalText() throws {
    var generator = SeededGenerator(seed: 8)
    var texts: [String] = []
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...20, using: &generator)
      let mantissa = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
      let exponent = Int.random(in: -45...38, using: &generator)
      texts.append("\(Bool.random(using: &generator) ? "-" : "")0.\(mantissa)e\(exponent)")
    }
    var copy = "[" + texts.joined(separator: ",") + "]"
    let parsed = try copy.withUTF8 { buffer in
      var parser = JSONParser(bytes: UnsafeRawBufferPointer(buffer))
      return try parser.readFloatArray()
    }
    for (text, value) in zip(texts, parsed) {
      let expected = Float(text) ?? .nan
      if expected.bitPattern != value.bitPattern {
        Issue.record("\(text): parsed \(value), standard library \(expected)")
        break
      }
    }
  }
}
