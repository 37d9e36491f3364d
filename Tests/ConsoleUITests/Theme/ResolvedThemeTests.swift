import Testing

@testable import ConsoleUI

struct ResolvedThemeTests {
  @Test func stylesAddTheirAttributesToTheRole() {
    let resolved = Theme.builtIn.resolved(for: .trueColor)
    let style = resolved[Style(.text, [.reverse])]
    #expect(style.attributes.contains(.reverse))
    #expect(style.foreground == resolved[.text].foreground)
  }

  @Test func selectionMergedAwayByDegradingBecomesReverse() throws {
    let theme = try Theme.parse(
      """
      [roles]
      background = { fg = "#e0e0e0", bg = "#0b0f19" }
      selection = { bg = "#111824" }
      button-focused = { bg = "#dc244c" }
      """, file: "close.toml")
    #expect(!theme.resolved(for: .trueColor)[.selection].attributes.contains(.reverse))
    let sixteen = theme.resolved(for: .ansi16)
    #expect(sixteen[.selection].attributes.contains(.reverse))
    #expect(!sixteen[.buttonFocused].attributes.contains(.reverse))
  }

  @Test func monoDepthShowsEveryHighlightInReverse() {
    let mono = Theme.builtIn.resolved(for: .mono)
    for role in ThemeRole.allCases {
      #expect(mono[role].foreground == .terminalDefault)
      #expect(mono[role].background == .terminalDefault)
      if role.isHighlight { #expect(mono[role].attributes.contains(.reverse), "\(role)") }
    }
  }

  @Test func everyRoleHasAParentChainEndingAtBackground() {
    for role in ThemeRole.allCases {
      var current = role
      var steps = 0
      while let parent = current.parent {
        current = parent
        steps += 1
        #expect(steps < 10, "cycle at \(role)")
        if steps >= 10 { break }
      }
      #expect(current == .background)
    }
  }
}
