import Foundation
import Testing

@testable import ConsoleUI

/// Every theme shipped in `Themes/` parses, is complete and keeps the selection visible.
struct ThemeCatalogTests {
  static let files: [String] = {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: PackageRoot.themes.path)) ?? []
    return names.filter { $0.hasSuffix(".toml") }.sorted()
  }()

  @Test func theRequiredThemesAreShipped() {
    for name in ["qdrant-dark", "qdrant-light", "high-contrast", "transparent", "mono"] {
      #expect(Self.files.contains(name + ".toml"), "Themes/\(name).toml is missing")
    }
  }

  @Test func everyFileInThemesIsATheme() {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: PackageRoot.themes.path)) ?? []
    #expect(!all.isEmpty)
    #expect(all.allSatisfy { $0.hasSuffix(".toml") }, "Themes/ holds only theme files")
  }

  @Test(arguments: files)
  func parsesAndResolvesEveryRole(file: String) throws {
    let path = PackageRoot.themes.appendingPathComponent(file).path
    let theme = try ThemeLocator.loadFile(path)
    #expect(theme.name + ".toml" == file, "the name inside matches the file name")
    #expect(theme.summary?.isEmpty == false, "every shipped theme says what it is for")
    for depth in ColorDepth.allCases {
      let resolved = theme.resolved(for: depth)
      for role in ThemeRole.allCases where role.isHighlight {
        let style = resolved[role]
        let surroundings = resolved[Theme.comparisonRole(for: role)]
        #expect(
          style.attributes.contains(.reverse) || style.background != surroundings.background,
          "\(file): \(role.rawValue) is invisible at \(depth)")
      }
    }
  }

  @Test func theReadmeListsEveryRole() throws {
    let readme = try String(
      contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.components(separatedBy: "## Console themes").last)
    for role in ThemeRole.allCases where role.parent != nil {
      let pattern =
        role.rawValue.hasPrefix("chart-") && role != .chartAxis
        ? "chart-1 … chart-8" : role.rawValue
      #expect(section.contains(pattern), "README does not list the role \(role.rawValue)")
    }
  }

  @Test func theBuiltInThemeIsTheShippedDefault() throws {
    let path = PackageRoot.themes.appendingPathComponent("qdrant-dark.toml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == Theme.builtInSource, "Theme+BuiltIn.swift must match Themes/qdrant-dark.toml")
    #expect(Theme.builtIn.name == "qdrant-dark")
    #expect(Theme.builtIn == (try Theme.parse(text, file: "qdrant-dark.toml")))
  }

  @Test func qdrantDarkHasTheDashboardColours() {
    let theme = Theme.builtIn
    #expect(theme.style(of: .background).background == .rgb(red: 0x0B, green: 0x0F, blue: 0x19))
    #expect(theme.style(of: .accent).foreground == .rgb(red: 0xDC, green: 0x24, blue: 0x4C))
    #expect(theme.style(of: .selection).background == .rgb(red: 0xDC, green: 0x24, blue: 0x4C))
  }

  @Test func monoHasNoColourAndReverseSelection() throws {
    let theme = try ThemeLocator.loadFile(
      PackageRoot.themes.appendingPathComponent("mono.toml").path)
    for role in ThemeRole.allCases {
      #expect(theme.style(of: role).foreground == .terminalDefault, "\(role.rawValue) fg")
      #expect(theme.style(of: role).background == .terminalDefault, "\(role.rawValue) bg")
    }
    #expect(theme.style(of: .selection).attributes.contains(.reverse))
    #expect(theme.style(of: .buttonFocused).attributes.contains(.reverse))
  }

  @Test func transparentUsesTheTerminalBackground() throws {
    let theme = try ThemeLocator.loadFile(
      PackageRoot.themes.appendingPathComponent("transparent.toml").path)
    for role in ThemeRole.allCases {
      #expect(theme.style(of: role).background == .terminalDefault, "\(role.rawValue) bg")
    }
  }
}
