import Foundation

/// Folders of the package under test, found from this file's path.
enum PackageRoot {
  /// The package's top-level folder.
  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The shipped `Themes/` folder.
  static let themes = url.appendingPathComponent("Themes")
}
