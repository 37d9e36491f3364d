import Foundation
import Testing

@testable import ConsoleUI

struct ThemeLocatorTests {
  private static let ocean = """
    name = "ocean"
    [roles]
    selection = { bg = "blue" }
    button-focused = { modifiers = ["reverse"] }
    """

  @Test func anExplicitPathIsLoaded() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(Self.ocean, to: "mine/ocean.toml")
    let locator = ThemeLocator(environment: [:], executablePath: nil)
    let selection = try locator.load(requested: path)
    #expect(selection.theme.name == "ocean")
    #expect(selection.source == .file(path))
    #expect(!selection.colorDisabled)
  }

  @Test func theUserFolderComesBeforeTheShippedOne() throws {
    let folder = try TemporaryDirectory()
    let user = try folder.write(Self.ocean, to: "config/ragops/themes/ocean.toml")
    try folder.write(
      Self.ocean.replacingOccurrences(of: "\"ocean\"", with: "\"shipped\""),
      to: "shipped/ocean.toml")
    let locator = ThemeLocator(
      environment: [
        "XDG_CONFIG_HOME": folder.path + "/config", "RAGOPS_THEMES_DIR": folder.path + "/shipped",
      ],
      executablePath: nil)
    let selection = try locator.load(requested: "ocean")
    #expect(selection.source == .file(user))
    #expect(selection.theme.name == "ocean")
  }

  @Test func theArgumentWinsOverTheEnvironmentVariable() throws {
    let folder = try TemporaryDirectory()
    try folder.write(Self.ocean, to: "shipped/ocean.toml")
    try folder.write(
      Self.ocean.replacingOccurrences(of: "\"ocean\"", with: "\"lake\""), to: "shipped/lake.toml")
    let locator = ThemeLocator(
      environment: [
        "RAGOPS_THEMES_DIR": folder.path + "/shipped", "RAGOPS_THEME": "lake", "HOME": folder.path,
      ],
      executablePath: nil)
    #expect(try locator.load(requested: nil).theme.name == "lake")
    #expect(try locator.load(requested: "ocean").theme.name == "ocean")
  }

  @Test func noColorSelectsMonoUnlessAThemeIsChosen() throws {
    let locator = ThemeLocator(
      environment: [
        "NO_COLOR": "1", "RAGOPS_THEMES_DIR": PackageRoot.themes.path, "HOME": "/nonexistent",
      ],
      executablePath: nil)
    let implicit = try locator.load(requested: nil)
    #expect(implicit.theme.name == "mono")
    #expect(implicit.colorDisabled)
    let explicit = try locator.load(requested: "qdrant-light")
    #expect(explicit.theme.name == "qdrant-light")
    #expect(!explicit.colorDisabled)
    let empty = ThemeLocator(
      environment: ["NO_COLOR": "", "HOME": "/nonexistent"], executablePath: nil)
    #expect(try !empty.load(requested: nil).colorDisabled)
  }

  @Test func theDefaultFallsBackToTheBuiltInTheme() throws {
    let locator = ThemeLocator(environment: ["HOME": "/nonexistent"], executablePath: nil)
    let selection = try locator.load(requested: nil)
    #expect(selection.source == .builtIn)
    #expect(selection.theme == Theme.builtIn)
    #expect(try locator.load(requested: "qdrant-dark").source == .builtIn)
  }

  @Test func anUnknownNameIsAnErrorListingTheThemes() throws {
    let locator = ThemeLocator(
      environment: ["RAGOPS_THEMES_DIR": PackageRoot.themes.path, "HOME": "/nonexistent"],
      executablePath: nil)
    let failure = try #require(throws: ThemeError.self) { try locator.load(requested: "solarized") }
    #expect(failure.kind == .notFound)
    #expect(failure.message.contains("qdrant-light"))
    #expect(failure.message.contains("mono"))
  }

  @Test func aMissingPathIsNotFound() throws {
    let locator = ThemeLocator(environment: [:], executablePath: nil)
    let failure = try #require(throws: ThemeError.self) {
      try locator.load(requested: "/nonexistent/x.toml")
    }
    #expect(failure.kind == .notFound)
  }

  @Test func aBrokenFileReportsItsOwnPath() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("[roles]\nselected = \"red\"\n", to: "bad.toml")
    let locator = ThemeLocator(environment: [:], executablePath: nil)
    let failure = try #require(throws: ThemeError.self) { try locator.load(requested: path) }
    #expect(failure.kind == .unknownRole)
    #expect(failure.description.hasPrefix(path + ":2:1:"))
  }

  @Test func shippedThemesAreFoundBesideAnInstalledExecutable() throws {
    let folder = try TemporaryDirectory()
    let installed = try folder.makeDirectory("usr/share/ragops/themes")
    try folder.makeDirectory("usr/bin")
    let locator = ThemeLocator(environment: [:], executablePath: folder.path + "/usr/bin/ragops")
    #expect(locator.shippedDirectory == installed)
  }

  @Test func shippedThemesAreFoundWalkingUpFromABuildFolder() throws {
    let folder = try TemporaryDirectory()
    let themes = try folder.makeDirectory("package/Themes")
    try folder.makeDirectory("package/.build/x86_64-unknown-linux-gnu/release")
    let locator = ThemeLocator(
      environment: [:],
      executablePath: folder.path + "/package/.build/x86_64-unknown-linux-gnu/release/ragops")
    #expect(locator.shippedDirectory == themes)
  }

  @Test func theRunningTestBinaryFindsThisPackagesThemes() throws {
    let locator = ThemeLocator.forCurrentProcess()
    let shipped = try #require(locator.shippedDirectory)
    #expect(FileManager.default.fileExists(atPath: shipped + "/qdrant-dark.toml"))
  }

  @Test func availableNamesIncludeTheShippedAndBuiltInThemes() {
    let locator = ThemeLocator(
      environment: ["RAGOPS_THEMES_DIR": PackageRoot.themes.path, "HOME": "/nonexistent"],
      executablePath: nil)
    #expect(
      locator.availableThemeNames() == [
        "high-contrast", "mono", "qdrant-dark", "qdrant-light", "transparent",
      ])
  }
}
