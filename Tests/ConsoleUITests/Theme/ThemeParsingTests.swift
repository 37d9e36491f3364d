import Testing

@testable import ConsoleUI

struct ThemeParsingTests {
  private func parse(_ text: String) throws(ThemeError) -> Theme {
    try Theme.parse(text, file: "test.toml")
  }

  private func error(_ text: String) -> ThemeError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  private let minimalRoles = """
    selection = { bg = "blue" }
    button-focused = { modifiers = ["reverse"] }
    """

  @Test func paletteNamesRolesAndInheritance() throws {
    let theme = try parse(
      """
      # a comment
      name = "sea"
      [palette]
      deep = "#001020"   # trailing comment
      foam = 15
      [roles]
      background = { fg = "foam", bg = "deep" }
      accent = "bright-cyan"
      title = { modifiers = ["bold", "underline"] }
      \(minimalRoles)
      """)
    #expect(theme.name == "sea")
    #expect(theme.palette["deep"] == .rgb(red: 0, green: 0x10, blue: 0x20))
    #expect(
      theme.style(of: .text)
        == ResolvedStyle(
          foreground: .indexed(15), background: .rgb(red: 0, green: 0x10, blue: 0x20)))
    // key-hint inherits accent's colour and the background's background.
    #expect(theme.style(of: .keyHint).foreground == .indexed(14))
    #expect(theme.style(of: .keyHint).background == .rgb(red: 0, green: 0x10, blue: 0x20))
    #expect(theme.style(of: .title).attributes == [.bold, .underline])
    #expect(theme.style(of: .selection).background == .indexed(4))
  }

  @Test func nameDefaultsToTheFileStem() throws {
    let theme = try Theme.parse("[roles]\n" + minimalRoles, file: "themes/ocean.toml")
    #expect(theme.name == "ocean")
  }

  @Test func stringsArraysAndLineEndings() throws {
    let theme = try parse(
      "description = \"tab\\there \\u00e9\"\r\n[roles]\r\ntitle = { modifiers = [\r\n  \"bold\", # first\r\n  'italic',\r\n] }\r\n"
        + minimalRoles)
    #expect(theme.summary == "tab\there é")
    #expect(theme.roles[.title]?.modifiers == [.bold, .italic])
  }

  @Test func unknownRoleNamesFileLineAndColumn() throws {
    let failure = try #require(error("[roles]\n" + minimalRoles + "\n  selected-row = \"red\"\n"))
    #expect(failure.kind == .unknownRole)
    #expect(failure.file == "test.toml")
    #expect(failure.line == 4)
    #expect(failure.column == 3)
    #expect(failure.description.hasPrefix("test.toml:4:3: unknown role 'selected-row'"))
  }

  @Test func unknownRoleSuggestsTheKebabCaseName() throws {
    let failure = try #require(error("[roles]\nkey_hint = \"red\"\n" + minimalRoles))
    #expect(failure.kind == .unknownRole)
    #expect(failure.message.contains("did you mean 'key-hint'"))
  }

  @Test func malformedHexColour() throws {
    let failure = try #require(error("[roles]\n" + minimalRoles + "\naccent = \"#12345\"\n"))
    #expect(failure.kind == .invalidColor)
    #expect(failure.line == 4 && failure.column == 10)
  }

  @Test func colourIndexOutOfRange() throws {
    let failure = try #require(error("[palette]\nx = 300\n[roles]\n" + minimalRoles))
    #expect(failure.kind == .invalidColor)
    #expect(failure.line == 2 && failure.column == 5)
  }

  @Test func unknownPaletteName() throws {
    let failure = try #require(
      error(
        "[palette]\nnavy = \"#000080\"\n[roles]\n" + minimalRoles + "\ntext = { fg = \"navvy\" }\n")
    )
    #expect(failure.kind == .unknownColor)
    #expect(failure.line == 6 && failure.column == 15)
    #expect(failure.message.contains("navvy"))
  }

  @Test func boldOnlySelectionIsRejected() throws {
    let failure = try #require(
      error(
        """
        [roles]
        background = { bg = "#000000" }
        button-focused = { modifiers = ["reverse"] }
        selection = { fg = "white", modifiers = ["bold"] }
        """))
    #expect(failure.kind == .invisibleHighlight)
    #expect(failure.line == 4 && failure.column == 1)
    #expect(failure.message.contains("selection"))
  }

  @Test func selectionWithTheScreenBackgroundIsRejected() throws {
    let failure = try #require(
      error(
        """
        [roles]
        background = { bg = "#000000" }
        selection = { fg = "white", bg = "#000000" }
        button-focused = { modifiers = ["reverse"] }
        """))
    #expect(failure.kind == .invisibleHighlight)
    #expect(failure.line == 3)
  }

  @Test func missingSelectionIsRejectedAtTheRolesTable() throws {
    let failure = try #require(error("name = \"x\"\n[roles]\nbutton-focused = { bg = \"red\" }\n"))
    #expect(failure.kind == .invisibleHighlight)
    #expect(failure.line == 2 && failure.column == 2)
    #expect(failure.message.contains("is not set"))
  }

  @Test func focusedButtonMustDifferFromOtherButtons() throws {
    let failure = try #require(
      error(
        "[roles]\nselection = { bg = \"blue\" }\nbutton = { bg = \"red\" }\nbutton-focused = { bg = \"red\" }\n"
      ))
    #expect(failure.kind == .invisibleHighlight)
    #expect(failure.line == 4)
    #expect(failure.message.contains("'button'"))
  }

  @Test func aTableWithMoreEntriesThanTheCapIsRefusedAtTheFirstOnePastIt() throws {
    let cap = 1_024
    var text = "[palette]\n"
    for index in 0..<48_000 { text += "c\(index) = \"#00ff00\"\n" }
    text += "[roles]\n" + minimalRoles
    let failure = try #require(error(text))
    #expect(failure.kind == .tooManyEntries, "\(failure)")
    #expect(failure.line == cap + 2, "\(failure)")
    #expect(failure.column == 1, "\(failure)")
    #expect(failure.message == "[palette] has more than \(cap) entries, the cap per table")
  }

  @Test func aTableAtTheCapParsesAndADuplicateInItIsStillFound() throws {
    var text = "[palette]\n"
    for index in 0..<1_024 { text += "c\(index) = \"#00ff00\"\n" }
    let theme = try parse(text + "[roles]\nbackground = { bg = \"c1023\" }\n" + minimalRoles)
    #expect(theme.palette.count == 1_024)
    #expect(theme.palette["c1023"] == .rgb(red: 0, green: 0xFF, blue: 0))
    let duplicate = try #require(error(text + "c7 = 1\n"))
    #expect(duplicate.kind == .tooManyEntries || duplicate.kind == .duplicateKey)
    var shorter = "[palette]\n"
    for index in 0..<1_000 { shorter += "c\(index) = 1\n" }
    let repeated = try #require(error(shorter + "c999 = 2\n"))
    #expect(repeated.kind == .duplicateKey && repeated.line == 1_002 && repeated.column == 1, "\(repeated)")
  }

  @Test func anArrayOrInlineTableOverTheCapIsRefusedAtTheElementPastIt() throws {
    let elements = Array(repeating: "\"bold\"", count: 1_100).joined(separator: ", ")
    let failure = try #require(error("[roles]\ntitle = { modifiers = [" + elements + "] }\n"))
    #expect(failure.kind == .tooManyEntries, "\(failure)")
    #expect(failure.line == 2 && failure.column == 24 + 1_024 * 8, "\(failure)")
    let keys = (0..<1_100).map { "k\($0) = 1" }.joined(separator: ", ")
    let wide = try #require(error("[roles]\ntitle = { " + keys + " }\n"))
    #expect(wide.kind == .tooManyEntries, "\(wide)")
  }

  @Test(arguments: [
    ("[roles]\nselection { bg = \"blue\" }\n", ThemeError.Kind.syntax, 2, 11),
    ("[roles\n", .syntax, 1, 7),
    ("[roles]\nselection = { bg = \"blue\"\n", .syntax, 2, 13),
    ("[roles]\nselection = \"blue\" extra\n", .syntax, 2, 20),
    ("[roles]\nselection = \"blue\n", .syntax, 2, 13),
    ("[roles]\nselection = blue\n", .syntax, 2, 13),
    ("[roles]\nselection.bg = \"blue\"\n", .syntax, 2, 10),
    ("[roles]\ntitle = 1.5\n", .syntax, 2, 10),
    ("[roles]\ntitle = \"red\"\ntitle = \"blue\"\n", .duplicateKey, 3, 1),
    ("[colors]\n", .unknownKey, 1, 2),
    ("theme = \"x\"\n", .unknownKey, 1, 1),
    ("[roles]\ntitle = { color = \"red\" }\n", .unknownKey, 2, 11),
    ("[roles]\ntitle = { modifiers = [\"blink\"] }\n", .invalidValue, 2, 24),
    ("[roles]\ntitle = { modifiers = \"bold\" }\n", .invalidValue, 2, 23),
    ("[roles]\ntitle = true\n", .invalidValue, 2, 9),
  ])
  func malformedFilesGiveTypedErrorsWithPositions(
    text: String, kind: ThemeError.Kind, line: Int, column: Int
  ) throws {
    let failure = try #require(error(text))
    #expect(failure.kind == kind, "\(failure)")
    #expect(failure.line == line, "\(failure)")
    #expect(failure.column == column, "\(failure)")
  }
}
