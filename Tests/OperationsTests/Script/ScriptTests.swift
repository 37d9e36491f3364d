import Foundation
import Testing

@testable import Operations

struct ScriptTests {
  private func texts(_ line: ScriptLine) -> [String]? {
    try? line.tokens.get().map(\.text)
  }

  @Test func skipsBlankAndCommentLinesAndKeepsLineNumbers() {
    let script = Script(
      text: "# setup\n\ncreate a\n   \n  # indented comment\nlist  # all\n", name: "s.batch")
    #expect(script.name == "s.batch")
    #expect(script.lines.map(\.number) == [3, 6])
    #expect(script.lines.map(texts) == [["create", "a"], ["list"]])
    #expect(script.lines.map(\.text) == ["create a", "list  # all"])
  }

  @Test func windowsLineEndingsReadTheSame() {
    let script = Script(text: "create a\r\nlist 'x y'\r\n", name: "s")
    #expect(script.lines.map(texts) == [["create", "a"], ["list", "x y"]])
    #expect(script.lines.map(\.text) == ["create a", "list 'x y'"])
  }

  @Test func finalLineWithoutNewlineCounts() {
    let script = Script(text: "a\nb", name: "s")
    #expect(script.lines.map(\.number) == [1, 2])
  }

  @Test func continuationJoinsLinesUnderTheFirstNumber() throws {
    let script = Script(
      text: "first\nupsert --id 1 \\\n  --vector '[1,2]' \\\n  --wait\nlast\n", name: "s")
    #expect(script.lines.map(\.number) == [1, 2, 5])
    let joined = script.lines[1]
    #expect(joined.lastNumber == 4)
    #expect(texts(joined) == ["upsert", "--id", "1", "--vector", "[1,2]", "--wait"])
    #expect(joined.text == "upsert --id 1    --vector '[1,2]'    --wait")
    // Columns count through the joined text: the backslash became a space.
    let tokens = try joined.tokens.get()
    #expect(tokens.map(\.column) == [1, 8, 13, 18, 27, 38])
    #expect(Array(joined.text)[tokens[3].column - 1] == "-")
  }

  @Test func aCommandContinuedOverTwentyThousandLinesIsJoinedInOnePass() throws {
    let count = 20_000
    var text = "points get docs \\\n"
    for index in 0..<count { text += "\(index) \\\n" }
    text += "'unterminated\nnext\n"
    let script = Script(text: text, name: "s")
    #expect(script.lines.map(\.number) == [1, count + 3])
    let joined = script.lines[0]
    #expect(joined.lastNumber == count + 2)
    let error = try #require(joined.tokens.failure)
    #expect(error.kind == .unterminatedSingleQuote)
    #expect(joined.text.hasSuffix("\(count - 1)  'unterminated"))
    #expect(error.column == joined.text.count - "'unterminated".count + 1)
    // The same lines, complete, give every token with its column in the joined text.
    let fixed = Script(text: text.replacingOccurrences(of: "'unterminated", with: "end"), name: "s")
    let tokens = try fixed.lines[0].tokens.get()
    #expect(tokens.count == count + 4)
    #expect(tokens[3].text == "0")
    #expect(tokens[3].column == 18)
    #expect(tokens.last?.text == "end")
    #expect(tokens.last?.column == fixed.lines[0].text.count - 2)
  }

  @Test func aCommandContinuedOverManyLinesStreamsInOnePass() throws {
    var text = "a \\\n"
    for index in 0..<20_000 { text += "x\(index) \\\n" }
    text += "end\n"
    let pipe = Pipe()
    let bytes = Data(text.utf8)
    let writer = Thread {
      pipe.fileHandleForWriting.write(bytes)
      try? pipe.fileHandleForWriting.close()
    }
    writer.start()
    var reader = Script.lines(from: pipe.fileHandleForReading)
    let line = try #require(try reader.next())
    #expect(line.number == 1 && line.lastNumber == 20_002)
    #expect(try line.tokens.get().count == 20_002)
    #expect(try reader.next() == nil)
  }

  @Test func backslashWithoutSpaceStillSeparatesContinuedWords() {
    let script = Script(text: "a\\\nb\n", name: "s")
    #expect(script.lines.map(texts) == [["a", "b"]])
  }

  @Test func continuationIntoACommentEndsTheCommand() {
    let script = Script(text: "list \\\n# note\nnext\n", name: "s")
    #expect(script.lines.map(texts) == [["list"], ["next"]])
    #expect(script.lines.map(\.number) == [1, 3])
  }

  @Test func continuationAtTheEndOfTheScriptIsAnError() {
    let script = Script(text: "ok\nlist \\\n", name: "s")
    #expect(script.lines.count == 2)
    let last = script.lines[1]
    #expect(last.number == 2)
    #expect(last.text == "list \\")
    guard case .failure(let error) = last.tokens else {
      Issue.record("expected a syntax error")
      return
    }
    #expect(error.kind == .trailingBackslash)
    #expect(error.column == 6)
  }

  @Test func syntaxErrorLinesAreKeptInOrder() {
    let script = Script(text: "a\nsay 'oops\nb\n", name: "s")
    #expect(script.lines.map(\.number) == [1, 2, 3])
    guard case .failure(let error) = script.lines[1].tokens else {
      Issue.record("expected a syntax error")
      return
    }
    #expect(error.kind == .unterminatedSingleQuote)
    #expect(error.column == 5)
  }

  @Test func unterminatedQuoteDoesNotSwallowTheNextLine() {
    let script = Script(text: "say \"x \\\nnext\n", name: "s")
    #expect(script.lines.count == 2)
    #expect(texts(script.lines[1]) == ["next"])
  }

  @Test func caretMarkerFollowsDisplayWidthAndTabs() {
    let line = ScriptLine(number: 1, text: "日本\tx = 'y'", tokens: .success([]))
    #expect(line.caretMarker(atColumn: 4) == "    \t^")
    #expect(line.caretMarker(atColumn: 1) == "^")
  }

  @Test func readerYieldsEachCommandBeforeMoreInputArrives() throws {
    // Non-blocking reads: if the reader asked for input it does not need, the read fails
    // (and the test with it) instead of waiting forever.
    let pipe = try TestPipe(nonBlockingReads: true)
    var reader = ScriptReader(descriptor: pipe.readDescriptor, name: "stdin")
    pipe.write("# header\ncreate a\n")
    let first = try reader.next()
    #expect(first?.number == 2)
    #expect(first.flatMap(texts) == ["create", "a"])

    pipe.write("upsert \\\n")
    pipe.write("  --id 1\n")
    let second = try reader.next()
    #expect(second?.number == 3)
    #expect(second?.lastNumber == 4)
    #expect(second.flatMap(texts) == ["upsert", "--id", "1"])

    pipe.write("last")
    pipe.closeWriting()
    #expect(try reader.next().flatMap(texts) == ["last"])
    #expect(try reader.next() == nil)
    #expect(try reader.next() == nil)
  }

  @Test func readerMatchesTheWholeTextParse() throws {
    let text = "a 1\n\n# c\nb \\\n 2\r\nsay 'x\n日本 '語'\nend \\\n"
    let pipe = try TestPipe()
    pipe.write(text)
    pipe.closeWriting()
    var reader = ScriptReader(descriptor: pipe.readDescriptor, name: "stdin")
    var streamed: [ScriptLine] = []
    while let line = try reader.next() { streamed.append(line) }
    #expect(streamed == Script(text: text, name: "stdin").lines)
    #expect(streamed.count == 5)
  }

  @Test func readerRejectsOverlongLinesWithoutEchoingThem() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "long.batch",
      bytes: Array(repeating: UInt8(ascii: "x"), count: ScriptReader.maximumLineLength + 10))
    let handle = try #require(FileHandle(forReadingAtPath: path))
    defer { try? handle.close() }
    var reader = Script.lines(from: handle)
    let error = #expect(throws: ScriptReadError.self) { try reader.next() }
    #expect(error?.description == "stdin: line 1 is longer than 1048576 bytes")
  }

  @Test func scriptLinesFromFileHandleReadsTheDescriptor() throws {
    let pipe = try TestPipe()
    pipe.write("one\ntwo\n")
    pipe.closeWriting()
    var reader = Script.lines(from: FileHandle(fileDescriptor: pipe.readDescriptor), name: "in")
    #expect(reader.name == "in")
    #expect(try reader.next()?.text == "one")
    #expect(try reader.next()?.text == "two")
    #expect(try reader.next() == nil)
  }
}

extension Result {
  /// The error, or `nil` on success.
  fileprivate var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
