import Model
import Foundation

/// Where the `:` history is kept across runs: `$XDG_STATE_HOME/ragops/history` when that is
/// set, else `<data>/.console-history`; one command per line, file mode 0600.
struct HistoryStore: Sendable {
  /// The history file.
  let path: String

  /// The store for a data directory and environment.
  init(dataDirectory: String, environment: [String: String]) {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      path = state + "/ragops/history"
    } else {
      path = dataDirectory + "/.console-history"
    }
  }

  /// The saved commands, oldest first (none when the file is missing or unreadable).
  func load() -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
      .suffix(ConsoleModel.historyLimit).map { $0 }
  }

  /// Replaces the file with `history` (write to a temporary file, then rename).
  func save(_ history: [String]) {
    let directory = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let temporary = path + ".tmp"
    let text = history.suffix(ConsoleModel.historyLimit).joined(separator: "\n") + "\n"
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else { return }
    _ = rename(temporary, path)
  }
}
