import Testing
import VectorEngine

@testable import Operations
@testable import Model

struct PointFileReaderJSONLTests {
  /// Reads every batch of `path`, returning the batches and the error that ended them, if any.
  private func readAll(
    _ path: String, expectedDimension: Int? = nil, batchSize: Int = 1_000
  ) throws -> (batches: [[PointStruct]], error: ImportError?) {
    var reader = try PointFileReader(
      path: path, expectedDimension: expectedDimension, batchSize: batchSize)
    var batches: [[PointStruct]] = []
    do {
      while let batch = try reader.nextBatch() { batches.append(batch) }
    } catch {
      return (batches, error)
    }
    return (batches, nil)
  }

  /// The message for a file whose first line is a good 4-d point and whose second is `line`.
  private func message(forSecondLine line: String, expectedDimension: Int? = 4) throws -> String? {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "points.jsonl", text: "{\"id\":0,\"vector\":[0,0,0,0]}\n" + line + "\n")
    let result = try readAll(path, expectedDimension: expectedDimension)
    #expect(result.batches.flatMap { $0 }.map(\.id) == [.number(0)])
    return result.error.map { $0.message }
  }

  @Test func readsIdsVectorsAndPayloads() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "points.jsonl",
      text: """
        {"id": 1, "vector": [0.5, -1, 2e-3], "payload": {"title": "東京", "year": 2020}}
        {"vector":[1,2,3],"id":"550E8400-E29B-41D4-A716-446655440000"}
        {"id":18446744073709551615,"vector":[0,0,0],"payload":null}
        {"id":7,"vector":[1,1,1],"payload":{}}

        """)
    let (batches, error) = try readAll(path)
    #expect(error == nil)
    let points = batches.flatMap { $0 }
    #expect(
      points == [
        PointStruct(
          id: .number(1), vector: [0.5, -1, 0.002], payload: ["title": "東京", "year": 2020]),
        PointStruct(
          id: .uuid(high: 0x550E_8400_E29B_41D4, low: 0xA716_4466_5544_0000), vector: [1, 2, 3]),
        PointStruct(id: .number(.max), vector: [0, 0, 0]),
        PointStruct(id: .number(7), vector: [1, 1, 1]),
      ])
  }

  @Test func skipsBlankLinesAndAcceptsCRLFAByteOrderMarkAndNoFinalNewline() throws {
    let directory = try TemporaryDirectory()
    let text = "{\"id\":1,\"vector\":[1]}\r\n\n   \r\n\t\n{\"id\":2,\"vector\":[2]}"
    let path = try directory.file("points.jsonl", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
    let (batches, error) = try readAll(path)
    #expect(error == nil)
    #expect(batches.flatMap { $0 }.map(\.vector) == [[1], [2]])
  }

  @Test func errorLineNumbersCountBlankLines() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "points.jsonl", text: "{\"id\":1,\"vector\":[1]}\n\n\n{\"id\":2,\"vector\":[1,2]}\n")
    let error = try readAll(path).error
    #expect(error?.location == .line(4, column: nil))
  }

  @Test func deliversPointsInBatchesWithProgress() throws {
    let directory = try TemporaryDirectory()
    let lines = (0..<5).map { "{\"id\":\($0),\"vector\":[\($0),1]}\n" }.joined()
    let path = try directory.file("points.ndjson", text: lines)
    var reader = try PointFileReader(path: path, batchSize: 2)
    #expect(reader.format == .jsonl)
    #expect(reader.totalBytes == lines.utf8.count)
    #expect(reader.dimension == nil)
    var sizes: [Int] = []
    while let batch = try reader.nextBatch() { sizes.append(batch.count) }
    #expect(sizes == [2, 2, 1])
    #expect(reader.pointsRead == 5)
    #expect(reader.bytesRead == lines.utf8.count)
    #expect(reader.dimension == 2)
    #expect(try reader.nextBatch() == nil)
  }

  @Test func longLinesCrossChunkBoundaries() throws {
    // A 16-byte starting buffer forces compaction and growth on every line.
    let directory = try TemporaryDirectory()
    var text = ""
    for id in 0..<20 {
      let title = String(repeating: "t", count: id * 2_000)
      text += "{\"id\":\(id),\"vector\":[\(id),0.25],\"payload\":{\"title\":\"\(title)\"}}\n"
    }
    let path = try directory.file("long.jsonl", text: text)
    var reader = PointFileReader(
      source: try ByteSource(path: path), path: path, format: .jsonl, expectedDimension: 2,
      batchSize: 7, bufferCapacity: 16)
    var points: [PointStruct] = []
    while let batch = try reader.nextBatch() { points += batch }
    #expect(points.count == 20)
    #expect(points.map(\.vector[0]) == (0..<20).map(Float.init))
    #expect(points[19].payload["title"]?.stringValue?.count == 38_000)
  }

  @Test func rejectsLinesLongerThanTheLimit() throws {
    let directory = try TemporaryDirectory()
    let long =
      "{\"id\":2,\"vector\":[1],\"payload\":{\"p\":\"" + String(repeating: "x", count: 300) + "\"}}"
    let path = try directory.file("long.jsonl", text: "{\"id\":1,\"vector\":[1]}\n" + long + "\n")
    var reader = PointFileReader(
      source: try ByteSource(path: path), path: path, format: .jsonl, expectedDimension: nil,
      batchSize: 10, bufferCapacity: 16, maximumLineLength: 256)
    #expect(try reader.nextBatch()?.count == 1)
    let error = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(error?.message == "line 2: line is longer than 256 bytes")
  }

  @Test(arguments: [
    (
      #"{"id":1,"vector":[1,2,3,4]"#,
      "line 2, column 27: malformed JSON: unexpected end of input inside an object"
    ),
    (
      #"{"id":1,"vector":[1,2,,3]}"#,
      "line 2, column 23: malformed JSON: unexpected character, expected a value"
    ),
    (#"{"id":1 "vector":[1,2,3,4]}"#, "line 2, column 9: malformed JSON: expected ',' or '}'"),
    (
      #"{"id":1,"vector":[1,2,3,4]} x"#,
      "line 2, column 29: malformed JSON: unexpected text after the JSON value"
    ),
    // Columns count Characters, not UTF-8 bytes.
    (
      #"{"payload":{"名前":"値"},"id":1,"vector":[1,2,3,4],}"#,
      "line 2, column 49: malformed JSON: expected a string key"
    ),
    ("[1,2,3,4]", "line 2: expected a JSON object with id and vector, found an array"),
    ("42", "line 2: expected a JSON object with id and vector, found an integer"),
    (#"{"vector":[1,2,3,4]}"#, "line 2: missing field \"id\""),
    (#"{"id":1}"#, "line 2: missing field \"vector\""),
    (
      #"{"id":-1,"vector":[1,2,3,4]}"#, "line 2: id must be a non-negative integer or a UUID string"
    ),
    (
      #"{"id":1.5,"vector":[1,2,3,4]}"#,
      "line 2: id must be a non-negative integer or a UUID string"
    ),
    (
      #"{"id":"42","vector":[1,2,3,4]}"#,
      "line 2: id must be a non-negative integer or a UUID string"
    ),
    (
      #"{"id":"not-a-uuid","vector":[1,2,3,4]}"#,
      "line 2: id must be a non-negative integer or a UUID string"
    ),
    (
      #"{"id":null,"vector":[1,2,3,4]}"#,
      "line 2: id must be a non-negative integer or a UUID string"
    ),
    (#"{"id":1,"vector":"1,2,3,4"}"#, "line 2: vector must be an array of numbers, found a string"),
    (#"{"id":1,"vector":null}"#, "line 2: vector must be an array of numbers, found null"),
    (
      #"{"id":1,"vector":[1,"2",3,4]}"#,
      "line 2: vector must be an array of numbers, found a string at component 1"
    ),
    (
      #"{"id":1,"vector":[1,2,3,[4]]}"#,
      "line 2: vector must be an array of numbers, found an array at component 3"
    ),
    (#"{"id":1,"vector":[]}"#, "line 2: vector is empty"),
    (#"{"id":1,"vector":[1,2,3]}"#, "line 2: vector has 3 components, the collection needs 4"),
    (#"{"id":1,"vector":[1,2,3,4,5]}"#, "line 2: vector has 5 components, the collection needs 4"),
    (#"{"id":1,"vector":[1,2,3,1e39]}"#, "line 2: vector component 3 is not finite"),
    (#"{"id":1,"vector":[-3.5e38,2,3,4]}"#, "line 2: vector component 0 is not finite"),
    (
      #"{"id":1,"vector":[1,2,3,4],"payload":[1]}"#,
      "line 2: payload must be an object or null, found an array"
    ),
    (
      #"{"id":1,"vector":[1,2,3,4],"payload":"x"}"#,
      "line 2: payload must be an object or null, found a string"
    ),
    (
      #"{"id":1,"vector":[1,2,3,4],"vectors":[1]}"#,
      "line 2: unknown field \"vectors\" (a point has only id, vector and payload)"
    ),
    // Shape problems are reported in one order, whichever path finds them.
    (
      #"{"extra":1,"id":-1,"vector":"x"}"#,
      "line 2: unknown field \"extra\" (a point has only id, vector and payload)"
    ),
    (#"{"vector":"x","id":-1}"#, "line 2: id must be a non-negative integer or a UUID string"),
    (#"{"vector":[1,2],"payload":3}"#, "line 2: missing field \"id\""),
  ])
  func rejectsBadLinesNamingLineAndProblem(line: String, expected: String) throws {
    #expect(try message(forSecondLine: line) == expected)
  }

  @Test func withoutAnExpectedDimensionTheFirstPointSetsIt() throws {
    #expect(
      try message(forSecondLine: #"{"id":1,"vector":[1,2,3]}"#, expectedDimension: nil)
        == "line 2: vector has 3 components, the first point in the file has 4")
  }

  @Test func aPayloadObjectOverTheKeyCapIsRefusedNamingLineAndColumn() throws {
    let cap = PayloadLimits.maximumKeysPerObject
    var fields: [String] = []
    for index in 0...cap { fields.append("\"k\(index)\":\(index)") }
    let prefix = #"{"id":1,"vector":[1,2,3,4],"payload":{"nested":{"#
    let line = prefix + fields.joined(separator: ",") + "}}}"
    let column = prefix.count + fields.dropLast().joined(separator: ",").count + 2
    #expect(
      try message(forSecondLine: line)
        == "line 2, column \(column): an object has more than \(cap) keys (the cap per payload object)")
    let directory = try TemporaryDirectory()
    let atCap = try directory.file("cap.jsonl", text: prefix + fields.dropLast().joined(separator: ",") + "}}}\n")
    let read = try readAll(atCap)
    #expect(read.error == nil)
    #expect(read.batches.first?.first?.payload["nested"]?.objectValue?.count == cap)
  }

  @Test func errorsNameTheFileAndSayWhoseFaultItIs() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("bad.jsonl", text: "{\"id\":1,\"vector\":[1,2]}\n")
    let error = try readAll(path, expectedDimension: 3).error
    #expect(
      error?.description == "\(path): line 1: vector has 2 components, the collection needs 3")
    #expect(error?.file == path)
    #expect(error?.fault == .input)
    #expect(error?.problem == .wrongDimension(found: 2, expected: 3, source: .collection))
  }

  @Test(arguments: [
    #"{"id":1,"vector":[1,2],"payload":{"token":"SECRET-VALUE"}"#,
    #"{"id":1,"vector":[1,"SECRET-VALUE"]}"#,
    #"{"id":"SECRET-VALUE","vector":[1,2]}"#,
    #"{"id":1,"vector":[1,2],"payload":"SECRET-VALUE"}"#,
    #"SECRET-VALUE"#,
  ])
  func messagesNeverEchoTheLine(line: String) throws {
    let message = try #require(try message(forSecondLine: line, expectedDimension: nil))
    #expect(!message.contains("SECRET"))
  }

  @Test func unknownFieldNamesAreEscapedAndCut() throws {
    let name = "\\u001b[2J" + String(repeating: "n", count: 60)
    let message = try #require(
      try message(forSecondLine: "{\"id\":1,\"vector\":[1,2,3,4],\"" + name + "\":1}"))
    #expect(!message.contains("\u{1B}"))
    #expect(
      message.hasPrefix(
        "line 2: unknown field \"\\u001b[2J" + String(repeating: "n", count: 36) + "…\""))
  }

  @Test func pointsBeforeABadLineComeFirstThenTheErrorSticks() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "points.jsonl",
      text: """
        {"id":1,"vector":[1]}
        {"id":2,"vector":[2]}
        {"id":3}
        {"id":4,"vector":[4]}

        """)
    var reader = try PointFileReader(path: path, batchSize: 10)
    #expect(try reader.nextBatch()?.map(\.id) == [.number(1), .number(2)])
    let first = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(first?.message == "line 3: missing field \"vector\"")
    let again = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(again == first)
  }

  @Test func emptyFileHasNoPoints() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("empty.jsonl", text: "")
    let (batches, error) = try readAll(path)
    #expect(batches.isEmpty)
    #expect(error == nil)
  }

  @Test func unknownExtensionNeedsAnExplicitFormat() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("points.txt", text: "{\"id\":1,\"vector\":[1]}\n")
    let error = #expect(throws: ImportError.self) { _ = try PointFileReader(path: path) }
    #expect(error?.problem == .unknownFormat)
    var reader = try PointFileReader(path: path, format: .jsonl)
    #expect(try reader.nextBatch()?.count == 1)
  }

  @Test func missingFileCannotBeOpened() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path(of: "absent.jsonl")
    let error = #expect(throws: ImportError.self) { _ = try PointFileReader(path: path) }
    #expect(error?.description == "\(path): cannot open the file: No such file or directory")
  }

  @Test func directoryCannotBeOpened() throws {
    let directory = try TemporaryDirectory()
    let error = #expect(throws: ImportError.self) {
      _ = try PointFileReader(path: directory.path, format: .jsonl)
    }
    #expect(error?.problem == .cannotOpen(reason: "Is a directory"))
  }

  @Test func readsAPipeAsStandardInputWould() throws {
    let pipe = try TestPipe()
    pipe.write("{\"id\":1,\"vector\":[1,2]}\n{\"id\":2,\"vector\":[3]}\n")
    pipe.closeWriting()
    var reader = PointFileReader(
      source: ByteSource(borrowing: pipe.readDescriptor), path: "-", format: .jsonl,
      expectedDimension: nil, batchSize: 10)
    #expect(reader.totalBytes == nil)
    #expect(try reader.nextBatch()?.count == 1)
    let error = #expect(throws: ImportError.self) { try reader.nextBatch() }
    #expect(
      error?.description
        == "stdin: line 2: vector has 1 components, the first point in the file has 2")
  }

  @Test(arguments: [
    ("points.jsonl", PointFileFormat.jsonl),
    ("dir.v2/points.JSONL", .jsonl),
    ("points.ndjson", .jsonl),
    ("base.fvecs", .fvecs),
    ("points.txt", nil),
    ("dir.fvecs/points", nil),
    ("-", nil),
  ])
  func formatFollowsTheExtension(path: String, format: PointFileFormat?) {
    #expect(PointFileFormat(pathExtensionOf: path) == format)
  }
}
