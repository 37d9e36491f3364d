import Testing

@testable import Operations

struct ScriptTokenizerTests {
  @Test(arguments: [
    ("create collection docs", ["create", "collection", "docs"]),
    ("  spaced\t\tout  ", ["spaced", "out"]),
    ("", []),
    ("   ", []),
    ("say 'hello world'", ["say", "hello world"]),
    ("say 'a \"b\" \\c'", ["say", "a \"b\" \\c"]),
    (#"say "a \"b\" \\c \d""#, ["say", #"a "b" \c \d"#]),
    (#"say a\ b"#, ["say", "a b"]),
    (#"say \'x\'"#, ["say", "'x'"]),
    ("--filter='a b'", ["--filter=a b"]),
    ("a'b'\"c\"d", ["abcd"]),
    ("empty '' \"\"", ["empty", "", ""]),
    ("# only a comment", []),
    ("list   # trailing comment", ["list"]),
    ("tag a#b", ["tag", "a#b"]),
    ("tag '#quoted' \\#escaped", ["tag", "#quoted", "#escaped"]),
    ("名前 '日本 語'", ["名前", "日本 語"]),
  ])
  func splitsLikeAShell(line: String, expected: [String]) throws {
    let tokens = try ScriptTokenizer.tokenize(line)
    #expect(tokens.map(\.text) == expected)
  }

  @Test func tokenColumnsAreOneBasedCharacterPositions() throws {
    let tokens = try ScriptTokenizer.tokenize("  日本 'x y'  z")
    #expect(tokens.map(\.column) == [3, 6, 13])
    #expect(tokens.map(\.endColumn) == [5, 10, 14])
  }

  @Test func sourceColumnMapsQuotedTextBackToTheLine() throws {
    let line = "search --filter='a and b'"
    let tokens = try ScriptTokenizer.tokenize(line)
    let filter = tokens[1]
    #expect(filter.text == "--filter=a and b")
    #expect(filter.column == 8)
    // `a` is the 10th character of the text (offset 9) but sits after the quote in the line.
    #expect(filter.sourceColumn(ofCharacterAt: 9) == 18)
    #expect(Array(line)[18 - 1] == "a")
    #expect(filter.sourceColumn(ofCharacterAt: 15) == 24)
    #expect(Array(line)[24 - 1] == "b")
    // The end maps to the closing quote; negative offsets to the token's start.
    #expect(filter.sourceColumn(ofCharacterAt: 16) == 25)
    #expect(filter.sourceColumn(ofCharacterAt: 100) == 25)
    #expect(filter.sourceColumn(ofCharacterAt: -1) == 8)
  }

  @Test func sourceColumnSkipsEscapesInsideDoubleQuotes() throws {
    let tokens = try ScriptTokenizer.tokenize(#"x "a\"b""#)
    #expect(tokens[1].text == #"a"b"#)
    #expect((0...3).map { tokens[1].sourceColumn(ofCharacterAt: $0) } == [4, 6, 7, 8])
  }

  @Test func columnsCountCharactersNotScalars() throws {
    let tokens = try ScriptTokenizer.tokenize("'e\u{301}x' y")
    #expect(tokens[0].text == "e\u{301}x")
    #expect((0...2).map { tokens[0].sourceColumn(ofCharacterAt: $0) } == [2, 3, 4])
    #expect(tokens[1].column == 6)
  }

  @Test func piecesThatMergeIntoOneCharacterKeepTheFirstPiecesColumn() throws {
    // Two regional indicators separated by quotes are two Characters in the line but one
    // flag in the token's text.
    let tokens = try ScriptTokenizer.tokenize("\u{1F1EF}''\u{1F1F5} z")
    #expect(tokens[0].text == "\u{1F1EF}\u{1F1F5}")
    #expect(tokens[0].text.count == 1)
    #expect(tokens[0].sourceColumn(ofCharacterAt: 0) == 1)
    #expect(tokens[0].endColumn == 5)
    #expect(tokens[1].column == 6)
  }

  @Test func emptyQuotedTokenEndsAtItsClosingQuote() throws {
    let tokens = try ScriptTokenizer.tokenize("name ''")
    #expect(tokens[1].text.isEmpty)
    #expect(tokens[1].column == 6)
    #expect(tokens[1].sourceColumn(ofCharacterAt: 0) == 7)
  }

  @Test func plainTokenInitializerAssumesVerbatimText() {
    let token = ScriptToken(text: "abc", column: 5)
    #expect((0...3).map { token.sourceColumn(ofCharacterAt: $0) } == [5, 6, 7, 8])
  }

  @Test(arguments: [
    ("say 'open", ScriptSyntaxError.Kind.unterminatedSingleQuote, 5),
    ("say \"open \\\"", .unterminatedDoubleQuote, 5),
    ("日本 \"x", .unterminatedDoubleQuote, 4),
    ("a 'ok' 'not", .unterminatedSingleQuote, 8),
    ("end\\", .trailingBackslash, 4),
    ("end \\", .trailingBackslash, 5),
  ])
  func rejectsUnterminatedQuotesAndTrailingBackslashes(
    line: String, kind: ScriptSyntaxError.Kind, column: Int
  ) {
    #expect {
      try ScriptTokenizer.tokenize(line)
    } throws: { error in
      guard let error = error as? ScriptSyntaxError else { return false }
      return error.kind == kind && error.column == column
    }
  }

  @Test func syntaxErrorsDescribeColumnAndProblemButNotTheLine() {
    let error = #expect(throws: ScriptSyntaxError.self) {
      try ScriptTokenizer.tokenize("say 'secret")
    }
    #expect(error?.description == "column 5: unterminated single quote")
    #expect(error?.description.contains("secret") == false)
  }

  @Test func backslashInsideACommentIsNotAnError() throws {
    #expect(try ScriptTokenizer.tokenize("list # ends with \\").map(\.text) == ["list"])
  }
}
