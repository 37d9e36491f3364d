import Foundation

/// Reads a child process's output line by line as it arrives, so a test can wait for a
/// specific line (the event itself, not a sleep).
final class LineStream: @unchecked Sendable {
  private let condition = NSCondition()
  private var lines: [String] = []
  private var partial = Data()
  private var closed = false
  private var consumed = 0

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

  /// Waits for the next line (after those already consumed) that contains `text`; returns it,
  /// or `nil` when the stream ends or `limit` seconds pass (a hang guard, not a delay).
  func next(containing text: String, limit: TimeInterval = 120) -> String? {
    let deadline = Date().addingTimeInterval(limit)
    condition.lock()
    defer { condition.unlock() }
    while true {
      while consumed < lines.count {
        let line = lines[consumed]
        consumed += 1
        if line.contains(text) { return line }
      }
      if closed { return nil }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  /// Everything read so far.
  var transcript: String {
    condition.lock()
    defer { condition.unlock() }
    return lines.joined(separator: "\n")
  }
}
