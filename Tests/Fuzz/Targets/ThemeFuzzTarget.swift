@testable import ConsoleUI

/// Theme files (`TOMLSubsetParser`, `Theme.parse`): what parses is resolved at every colour
/// depth.
enum ThemeFuzzTarget {
  /// Runs `input` as a theme file.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let text = FuzzBytes.text(input)
    _ = try? TOMLSubsetParser.parse(text, file: "fuzz.toml")
    guard let theme = try? Theme.parse(text, file: "fuzz.toml") else { return .rejected }
    for depth in ColorDepth.allCases { _ = ResolvedTheme(theme: theme, depth: depth) }
    return .accepted
  }
}
