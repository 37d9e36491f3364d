import Foundation

/// Finds and loads the theme to use, from the command line, the environment and the disk.
///
/// The theme asked for is `--theme NAME|PATH` if given, else `$RAGOPS_THEME`, else `mono`
/// when `$NO_COLOR` is set and not empty, else `qdrant-dark`. A value containing `/` or
/// ending in `.toml` is a path; otherwise it is a name, looked up as `NAME.toml` in:
/// 1. the user's folder, `$XDG_CONFIG_HOME/ragops/themes` (or `~/.config/ragops/themes`);
/// 2. the shipped folder: `$RAGOPS_THEMES_DIR`, else `<executable dir>/../share/ragops/themes`,
///    else the first `Themes/` folder found walking up from the executable's folder (which
///    finds the package's folder under `swift run` and `.build/release/ragops`).
///
/// When no file is found, `qdrant-dark` and the implicit choice fall back to ``Theme/builtIn``;
/// any other name is an error listing the themes that exist. An explicit choice overrides
/// `NO_COLOR`, as that convention asks; without one, `NO_COLOR` also turns colour off.
public struct ThemeLocator {
  /// The environment variables to read (`RAGOPS_THEME`, `NO_COLOR`, `XDG_CONFIG_HOME`,
  /// `HOME`, `RAGOPS_THEMES_DIR`).
  public var environment: [String: String]
  /// The running executable's path, for finding the shipped themes; `nil` skips those steps.
  public var executablePath: String?

  /// The name of the default theme.
  public static let defaultName = "qdrant-dark"
  /// The name `NO_COLOR` selects.
  public static let noColorName = "mono"
  /// The largest theme file read, in bytes.
  static let maximumFileSize = 1 << 20

  /// Creates a locator over an explicit environment (tests pass their own).
  public init(environment: [String: String], executablePath: String?) {
    self.environment = environment
    self.executablePath = executablePath
  }

  /// A locator over this process's environment and executable.
  public static func forCurrentProcess() -> ThemeLocator {
    let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    return ThemeLocator(
      environment: ProcessInfo.processInfo.environment,
      executablePath: executable ?? CommandLine.arguments.first)
  }

  /// Where a loaded theme came from.
  public enum Source: Hashable, Sendable {
    /// A theme file, by its path.
    case file(String)
    /// The compiled-in ``Theme/builtIn``.
    case builtIn
  }

  /// The theme chosen, where it came from, and whether colour is switched off.
  public struct Selection: Hashable, Sendable {
    /// The theme.
    public var theme: Theme
    /// Where it was loaded from.
    public var source: Source
    /// Whether to draw without colour (`NO_COLOR` set and no explicit theme): the terminal
    /// then uses ``ColorDepth/mono`` whatever it supports.
    public var colorDisabled: Bool
  }

  /// Loads the theme for `requested` (the `--theme` value, or `nil`).
  ///
  /// - Throws: ``ThemeError``: `notFound` for a name or path that matches no file, `unreadable`
  ///   for a file that is not UTF-8 text or is too large, or any error of ``Theme/parse(_:file:)``.
  public func load(requested: String?) throws(ThemeError) -> Selection {
    let explicit = requested.flatMap(nonEmpty) ?? environment["RAGOPS_THEME"].flatMap(nonEmpty)
    let colorDisabled = explicit == nil && environment["NO_COLOR"].flatMap(nonEmpty) != nil
    let wanted = explicit ?? (colorDisabled ? Self.noColorName : Self.defaultName)

    if Self.isPath(wanted) {
      guard FileManager.default.fileExists(atPath: wanted) else {
        throw ThemeError(.notFound, file: wanted, "no theme file at this path")
      }
      return Selection(
        theme: try Self.loadFile(wanted), source: .file(wanted), colorDisabled: colorDisabled)
    }
    for directory in searchDirectories {
      let path = directory + "/" + wanted + ".toml"
      if FileManager.default.fileExists(atPath: path) {
        return Selection(
          theme: try Self.loadFile(path), source: .file(path), colorDisabled: colorDisabled)
      }
    }
    if wanted == Self.defaultName || explicit == nil {
      return Selection(theme: .builtIn, source: .builtIn, colorDisabled: colorDisabled)
    }
    let known = availableThemeNames().joined(separator: ", ")
    throw ThemeError(
      .notFound, file: wanted, "no theme by this name; available: \(known)")
  }

  /// The folders searched for `NAME.toml`, most specific first: the user's, then the shipped.
  public var searchDirectories: [String] {
    var directories: [String] = []
    if let user = userDirectory { directories.append(user) }
    if let shipped = shippedDirectory { directories.append(shipped) }
    return directories
  }

  /// `$XDG_CONFIG_HOME/ragops/themes`, else `~/.config/ragops/themes`.
  public var userDirectory: String? {
    if let config = environment["XDG_CONFIG_HOME"].flatMap(nonEmpty) {
      return config + "/ragops/themes"
    }
    if let home = environment["HOME"].flatMap(nonEmpty) { return home + "/.config/ragops/themes" }
    return nil
  }

  /// The folder of themes shipped with the program, if one can be found.
  public var shippedDirectory: String? {
    if let configured = environment["RAGOPS_THEMES_DIR"].flatMap(nonEmpty) { return configured }
    guard let executablePath else { return nil }
    var folder = URL(fileURLWithPath: executablePath).deletingLastPathComponent().standardized
    let installed = folder.appendingPathComponent("../share/ragops/themes").standardized.path
    if Self.isDirectory(installed) { return installed }
    while true {
      let candidate = folder.appendingPathComponent("Themes").path
      if Self.isDirectory(candidate) { return candidate }
      let parent = folder.deletingLastPathComponent().standardized
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  /// Every theme name found in the search folders, plus the built-in one, sorted.
  ///
  /// - Complexity: O(number of files in the search folders).
  public func availableThemeNames() -> [String] {
    var names: Set<String> = [Self.defaultName]
    for directory in searchDirectories {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
    }
    return names.sorted()
  }

  /// Reads and parses one theme file.
  ///
  /// - Throws: ``ThemeError`` of kind `unreadable`, or any error of ``Theme/parse(_:file:)``.
  public static func loadFile(_ path: String) throws(ThemeError) -> Theme {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = attributes?[.size] as? Int, size > maximumFileSize {
      throw ThemeError(.unreadable, file: path, "theme file is larger than 1 MiB")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ThemeError(.unreadable, file: path, "cannot read the theme file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ThemeError(.unreadable, file: path, "theme file is not UTF-8 text")
    }
    return try Theme.parse(text, file: path)
  }

  /// Whether a `--theme` value names a file rather than a theme.
  static func isPath(_ value: String) -> Bool { value.contains("/") || value.hasSuffix(".toml") }

  private static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  private func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}

extension ThemeLocator: Sendable {}
