import Foundation

/// The committed fuzz inputs under `Tests/Fuzz/`, found from this file's path.
///
/// - `Corpus/<target>/`: seeds, valid examples made by the engine's own writers (see
///   ``FuzzSeedCorpus``); libFuzzer starts from them.
/// - `Regressions/<target>/`: inputs that once crashed a target and are fixed; replayed.
/// - `Pending/<target>/`: inputs that crash code whose fix is still open; not replayed, so
///   the suite stays green until the fix lands and the file moves to `Regressions/`.
enum FuzzCorpus {
  /// The `Tests/Fuzz/` folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The folders of committed inputs, by role.
  enum Folder: String, CaseIterable {
    /// Seeds.
    case corpus = "Corpus"
    /// Fixed findings, replayed.
    case regressions = "Regressions"
    /// Open findings, not replayed.
    case pending = "Pending"
  }

  /// Whether this run records the seed corpus instead of only reading it.
  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["RAGOPS_RECORD_FUZZ_CORPUS"] == "1"
  }

  /// The folder holding `target`'s inputs of one role.
  static func folder(_ folder: Folder, target: String) -> URL {
    root.appendingPathComponent(folder.rawValue).appendingPathComponent(target)
  }

  /// The names of the target folders under `folder`, sorted.
  static func targetFolders(in folder: Folder) -> [String] {
    let path = root.appendingPathComponent(folder.rawValue).path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  /// The files of `target` in `folder`, sorted by name (hidden files left out).
  static func files(_ folder: Folder, target: String) -> [URL] {
    let directory = self.folder(folder, target: target)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
  }

  /// Every seed and regression input of every target.
  static func replayedFiles() -> [URL] {
    [Folder.corpus, .regressions].flatMap { folder in
      targetFolders(in: folder).flatMap { files(folder, target: $0) }
    }
  }

  /// The bytes of `file`.
  static func bytes(of file: URL) throws -> [UInt8] {
    Array(try Data(contentsOf: file))
  }
}
