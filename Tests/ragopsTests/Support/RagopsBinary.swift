import Foundation
import TestSupport
import Operations

/// Runs the built `ragops` executable, as a user would.
struct RagopsBinary {
  /// What a finished run printed and returned.
  struct Output {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// The executable next to the test bundle (SwiftPM builds it with the tests).
  static var path: String {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
      let executable = candidate.appendingPathComponent("ragops").path
      if FileManager.default.isExecutableFile(atPath: executable) { return executable }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/ragops").path
  }

  /// Runs `ragops arguments…` (or `executable arguments…`, e.g. a wrapper such as `faketime`)
  /// to completion with `input` on standard input.
  @discardableResult
  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String] = [:], executable: String? = nil
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable ?? path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    let processExit = try process.startWatched()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Drain both pipes at once so a large output cannot block the child. Standard error gets
    // a thread of its own, not a worker of a shared pool: tests already occupy the pool's
    // threads, and one blocked here must not wait on the pool growing.
    let box = OutputBox()
    Thread.detachNewThread { box.setError(stderr.fileHandleForReading.readDataToEndOfFile()) }
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let error = box.waitForError()
    processExit.wait()
    return Output(
      status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
      standardError: String(decoding: error, as: UTF8.self))
  }
}

/// Hands the standard error bytes drained on another thread to the waiting one.
final class OutputBox: @unchecked Sendable {
  private let condition = NSCondition()
  private var bytes: Data?

  /// Stores the drained bytes and wakes the waiter.
  func setError(_ data: Data) {
    condition.withLock {
      bytes = data
      condition.broadcast()
    }
  }

  /// Waits until ``setError(_:)`` has run (the pipe reached its end) and returns its bytes.
  func waitForError() -> Data {
    condition.withLock {
      while bytes == nil { condition.wait() }
      return bytes ?? Data()
    }
  }
}

/// A fresh directory under the temporary folder, removed when released.
final class ScratchDirectory {
  let path: String

  init(_ label: String = #function) {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    path = NSTemporaryDirectory() + "ragops-e2e-\(safe)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func file(_ name: String, contents: String) -> String {
    let full = path + "/" + name
    _ = FileManager.default.createFile(atPath: full, contents: Data(contents.utf8))
    return full
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
