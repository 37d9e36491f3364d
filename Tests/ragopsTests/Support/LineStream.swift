import Foundation
import Testing

/// Reads a child process's output line by line as it arrives, so a test can wait for a
/// specific line (the event itself, not a sleep).
final class LineStream: @unchecked Sendable {
  private let condition = NSCondition()
  private var lines: [String] = []
  private var partial = Data()
  private var closed = false
  private var consumed = 0
  private var gaveUp = false

  /// Starts reading `handle` on a background thread.
  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        condition.lock()
        if chunk.isEmpty {
          if !partial.isEmpty { lines.append(String(decoding: partial, as: UTF8.self)) }
          closed = true
          condition.broadcast()
          condition.unlock()
          return
        }
        partial.append(chunk)
        while let newline = partial.firstIndex(of: 0x0A) {
          lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
          partial = Data(partial[(newline + 1)...])
        }
        condition.broadcast()
        condition.unlock()
      }
    }
  }

  /// Waits for the next line (after those already consumed) that contains `text` and
  /// returns it. When the stream ends first, or `limit` seconds pass, it records a test issue
  /// with the transcript and returns `nil`; after one such failure every later wait fails at
  /// once, so a broken run ends in about `limit` seconds however many waits follow.
  func next(
    containing text: String, limit: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation
  ) -> String? {
    let deadline = Date().addingTimeInterval(limit)
    condition.lock()
    defer { condition.unlock() }
    while true {
      while consumed < lines.count {
        let line = lines[consumed]
        consumed += 1
        if line.contains(text) { return line }
      }
      let failure = gaveUp ? "an earlier wait failed" : closed ? "the output ended" : nil
      if let failure {
        Issue.record(
          "no line containing \"\(text)\": \(failure). Transcript:\n\(lines.joined(separator: "\n"))",
          sourceLocation: sourceLocation)
        return nil
      }
      if !condition.wait(until: deadline) {
        gaveUp = true
        Issue.record(
          "no line containing \"\(text)\" within \(Int(limit)) s. Transcript:\n\(lines.joined(separator: "\n"))",
          sourceLocation: sourceLocation)
        return nil
      }
    }
  }

  /// Everything read so far.
  var transcript: String {
    condition.lock()
    defer { condition.unlock() }
    return lines.joined(separator: "\n")
  }
}
