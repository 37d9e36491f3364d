import Foundation

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
  /// The directory's path.
  let path: String

  /// Creates a uniquely named empty directory.
  init() throws {
    path = NSTemporaryDirectory() + "OperationsTests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to a file called `name` in the directory and returns its path.
  func file(_ name: String, bytes: [UInt8]) throws -> String {
    let file = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// Writes `text` as UTF-8 to a file called `name` in the directory and returns its path.
  func file(_ name: String, text: String) throws -> String {
    try file(name, bytes: Array(text.utf8))
  }

  /// The path of `name` in the directory, without creating it.
  func path(of name: String) -> String { path + "/" + name }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
