import Foundation

/// The Python that runs the test tools: `$RAGOPS_TEST_PYTHON`, else the private environment
/// `.venv-test` that `.ci/deps` creates at the repository's root.
enum TestPython {
  /// The repository's root.
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// The interpreter's path.
  static var path: String {
    if let explicit = ProcessInfo.processInfo.environment["RAGOPS_TEST_PYTHON"], !explicit.isEmpty { return explicit }
    return repositoryRoot.appendingPathComponent(".venv-test/bin/python").path
  }

  /// Why the tools cannot run, or `nil` when the interpreter is there.
  static var missing: String? {
    FileManager.default.isExecutableFile(atPath: path)
      ? nil : "no test Python at \(path): run `bash .ci/deps` (or set RAGOPS_TEST_PYTHON)"
  }
}
