import Foundation
@testable import VectorEngine

/// A scratch folder for the fuzz targets that read files.
///
/// Each run gets a fresh, empty subfolder, removed when the run ends; fixtures that several
/// runs share (a template segment, a template data directory) are built once and kept until
/// the workspace is released, which removes everything. One workspace serves one thread: the
/// libFuzzer driver keeps one for the process, and each replay test makes its own.
final class FuzzWorkspace {
  /// The workspace's folder.
  let root: String
  private var runs = 0
  private var fixtures: [String: String] = [:]

  /// Creates an empty workspace under `parent` (default: `$TMPDIR`, else `/tmp`).
  init(parent: String? = nil) {
    let base =
      parent ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap {
        $0.isEmpty ? nil : $0
      } ?? "/tmp"
    let trimmed = base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base
    root = trimmed + "/ragops-fuzz-" + String(System.randomUInt32(), radix: 16)
    Self.must("create the workspace") { () throws(SystemError) in try System.makeDirectory(root) }
  }

  deinit {
    try? System.removeTree(root)
  }

  /// A number no earlier call on this workspace returned (for unique file names).
  func nextNumber() -> Int {
    runs += 1
    return runs
  }

  /// Runs `body` in a new empty folder, which is removed afterwards.
  func withFreshFolder<R>(_ body: (String) -> R) -> R {
    let folder = root + "/run-" + String(nextNumber())
    Self.must("create a run folder") { () throws(SystemError) in try System.makeDirectory(folder) }
    defer { try? System.removeTree(folder) }
    return body(folder)
  }

  /// The folder of fixture `key`, calling `build` with it (empty) the first time.
  func fixture(_ key: String, build: (String) -> Void) -> String {
    if let folder = fixtures[key] { return folder }
    let folder = root + "/fixture-" + String(fixtures.count + 1)
    Self.must("create a fixture folder") { () throws(SystemError) in
      try System.makeDirectory(folder)
    }
    build(folder)
    fixtures[key] = folder
    return folder
  }

  /// Writes `bytes` as a new file at `path`.
  static func write(_ bytes: [UInt8], to path: String) {
    must("write \(path)") { () throws(SystemError) in
      let descriptor = try System.open(path, .writeOnly, create: true, exclusive: true)
      defer { descriptor.close() }
      try descriptor.writeAll(bytes)
    }
  }

  /// Creates the folder `path`.
  static func makeFolder(_ path: String) {
    must("create \(path)") { () throws(SystemError) in try System.makeDirectory(path) }
  }

  /// Runs a step the harness itself needs; a failure there is a broken machine, not a finding
  /// about the input, so it stops the process with the reason.
  static func must(_ what: String, _ step: () throws(SystemError) -> Void) {
    do {
      try step()
    } catch {
      fatalError("fuzz harness could not \(what): \(error)")
    }
  }
}
