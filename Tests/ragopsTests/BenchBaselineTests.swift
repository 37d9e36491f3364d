import Foundation
import Testing

/// `bench ann --baseline hnswlib` installs nothing without consent: without a terminal to ask
/// on it refuses and names `--yes-install` and `--python`; `--python` is checked and used as
/// is. Every run gets a cache folder of its own, so no test sees a real environment.
struct BenchBaselineTests {
  /// Writes `count` vectors of dimension 4 as `.fvecs`.
  private func fvecs(_ scratch: ScratchDirectory, _ name: String, count: Int) -> String {
    var data = Data()
    for row in 0..<count {
      withUnsafeBytes(of: Int32(4).littleEndian) { data.append(contentsOf: $0) }
      for column in 0..<4 {
        let value = Float((row * 7 + column * 3) % 11) - 5
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    }
    let path = scratch.path + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: data)
    return path
  }

  /// An executable shell script standing in for a Python interpreter.
  private func fakePython(_ scratch: ScratchDirectory, _ body: String) throws -> String {
    let path = scratch.file("python", contents: "#!/bin/sh\n" + body + "\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
  }

  /// `bench ann` on small files, with `arguments` added and a cache folder inside `scratch`.
  private func benchAnn(_ scratch: ScratchDirectory, _ arguments: [String]) throws -> RagopsBinary.Output {
    let base = fvecs(scratch, "base.fvecs", count: 40)
    let query = fvecs(scratch, "query.fvecs", count: 5)
    return try RagopsBinary.run(
      ["bench", "ann", "--base", base, "--query", query, "--ef", "10"] + arguments, input: "",
      environment: ["XDG_CACHE_HOME": scratch.path + "/cache"])
  }

  @Test func withoutATerminalTheBaselineRefusesToInstallAndNamesBothWaysOut() throws {
    let scratch = ScratchDirectory()
    let result = try benchAnn(scratch, ["--baseline", "hnswlib"])
    #expect(result.status != 0)
    #expect(result.standardError.contains("--yes-install"), "\(result.standardError)")
    #expect(result.standardError.contains("--python PATH"), "\(result.standardError)")
    #expect(result.standardError.contains("standard input is not a terminal"), "\(result.standardError)")
    #expect(result.standardError.contains(scratch.path + "/cache/ragops/bench-venv"), "\(result.standardError)")
    #expect(
      result.standardError.contains("numpy==") && result.standardError.contains("hnswlib=="), "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cache"))
    // The refusal comes before the benchmark: nothing was measured.
    #expect(!result.standardOutput.contains("ragops:"), "\(result.standardOutput)")
  }

  @Test func aMissingPythonIsAUsageErrorNamingThePath() throws {
    let scratch = ScratchDirectory()
    let missing = scratch.path + "/no-such-dir/python3"
    let result = try benchAnn(scratch, ["--baseline", "hnswlib", "--python", missing])
    #expect(result.status == 2)
    #expect(result.standardError.contains("--python \(missing): no such file"), "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cache"))
  }

  @Test func aPythonWithoutTheLibrariesIsRefusedAndLeftAlone() throws {
    let scratch = ScratchDirectory()
    let python = try fakePython(scratch, "echo \"ModuleNotFoundError: No module named 'hnswlib'\" >&2; exit 1")
    let before = try Data(contentsOf: URL(fileURLWithPath: python))
    let result = try benchAnn(scratch, ["--baseline", "hnswlib", "--python", python])
    #expect(result.status != 0)
    #expect(
      result.standardError.contains("--python \(python) cannot import numpy and hnswlib"), "\(result.standardError)")
    #expect(result.standardError.contains("No module named 'hnswlib'"), "\(result.standardError)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: python)) == before)
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cache"))
  }

  @Test func aPythonThatFailsWithALotOfOutputIsStillReported() throws {
    let scratch = ScratchDirectory()
    // More than a pipe holds: the error must be read while the program runs.
    let python = try fakePython(
      scratch,
      "i=0; while [ $i -lt 3000 ]; do echo 'a long line of compiler output, over and over' >&2; i=$((i+1)); done; exit 1"
    )
    let result = try benchAnn(scratch, ["--baseline", "hnswlib", "--python", python])
    #expect(result.status != 0)
    #expect(result.standardError.contains("cannot import numpy and hnswlib"), "\(result.standardError.suffix(500))")
  }

  @Test func theGivenPythonIsUsedAsIsAndItsResultsJoinTheTable() throws {
    let scratch = ScratchDirectory()
    let python = try fakePython(
      scratch,
      """
      if [ "$1" = "-c" ]; then exit 0; fi
      echo '{"lib": "hnswlib", "ef": 10, "recall": 0.75, "qps": 1234.0}'
      echo '{"lib": "hnswlib", "build_s": 0.5, "threads": 1}'
      """)
    let result = try benchAnn(scratch, ["--baseline", "hnswlib", "--python", python])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("hnswlib: index build 0.50 s with 1 threads"), "\(result.standardOutput)")
    let row = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("hnswlib") && $0.contains("0.7500") }
    #expect(row != nil, "\(result.standardOutput)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cache"))
  }

  @Test func installOptionsWithoutABaselineOrTogetherAreUsageErrors() throws {
    let scratch = ScratchDirectory()
    let python = try fakePython(scratch, "exit 0")
    let cases: [([String], String)] = [
      (["--yes-install"], "--python and --yes-install apply only with --baseline hnswlib"),
      (["--python", python], "--python and --yes-install apply only with --baseline hnswlib"),
      (["--baseline", "hnswlib", "--python", python, "--yes-install"], "pass one or the other"),
    ]
    for (arguments, message) in cases {
      let result = try benchAnn(scratch, arguments)
      #expect(result.status == 2, "\(arguments): \(result.standardError)")
      #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    }
  }
}
