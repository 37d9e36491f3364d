import VectorEngine

/// A buffered writer to a file: one created by path, or a borrowed descriptor.
///
/// Bytes collect in memory and go out in large writes through the engine's system-call layer;
/// ``flush()`` pushes them out and ``close()`` flushes and closes. Dropping a sink without
/// closing it closes an owned descriptor but discards unflushed bytes, so callers must close
/// to see write errors.
struct OutputSink: ~Copyable {
  private let file: FileDescriptor
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []
  private var isClosed = false
  private let flushThreshold: Int

  /// Creates or truncates `path` for writing (mode 0644 before the umask).
  ///
  /// - Throws: ``SystemError`` when the file cannot be created.
  init(path: String, flushThreshold: Int = 1 << 20) throws(SystemError) {
    file = try System.open(path, .writeOnly, create: true, truncate: true, mode: 0o644)
    ownsDescriptor = true
    self.flushThreshold = flushThreshold
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  /// Writes to `descriptor`, which the caller keeps open and closes.
  init(borrowing descriptor: Int32, flushThreshold: Int = 1 << 20) {
    file = FileDescriptor(borrowing: descriptor, name: descriptor == 1 ? "stdout" : "descriptor \(descriptor)")
    ownsDescriptor = false
    self.flushThreshold = flushThreshold
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  /// Appends `text` as UTF-8, writing out when the buffer passes its threshold.
  ///
  /// - Throws: ``SystemError`` when a write fails.
  mutating func write(_ text: String) throws(SystemError) {
    precondition(!isClosed, "writing to a closed sink")
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Writes out every buffered byte.
  ///
  /// - Throws: ``SystemError`` when a write fails.
  mutating func flush() throws(SystemError) {
    guard !buffer.isEmpty else { return }
    let result = buffer.withUnsafeBytes { [file] bytes in
      Result { () throws(SystemError) in try file.writeAll(bytes) }
    }
    buffer.removeAll(keepingCapacity: true)
    try result.get()
  }

  /// Flushes, then closes the descriptor if the sink opened it.
  ///
  /// - Throws: ``SystemError`` when the final write or `close` fails.
  mutating func close() throws(SystemError) {
    guard !isClosed else { return }
    defer { isClosed = true }
    let flushed = Result { () throws(SystemError) in try flush() }
    if ownsDescriptor {
      let closed = Result { () throws(SystemError) in try file.closeReportingFailure() }
      if case .success = flushed { try closed.get() }
    }
    try flushed.get()
  }

  deinit {
    if ownsDescriptor && !isClosed { file.close() }
  }
}

extension OutputSink: Sendable {}
