#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor: a file created by path, or a borrowed one.
///
/// Bytes collect in memory and go out in large writes; ``flush()`` pushes them out and
/// ``close()`` flushes and closes. Dropping a sink without closing it closes an owned
/// descriptor but discards unflushed bytes, so callers must close to see write errors.
struct OutputSink: ~Copyable {
  /// The descriptor being written.
  let descriptor: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []
  private var isClosed = false
  private let flushThreshold: Int

  /// Creates or truncates `path` for writing (mode 0644 before the umask).
  ///
  /// - Throws: ``SystemCallFailure`` when the file cannot be created.
  init(path: String, flushThreshold: Int = 1 << 20) throws(SystemCallFailure) {
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { throw .current("open") }
    self.descriptor = descriptor
    self.ownsDescriptor = true
    self.flushThreshold = flushThreshold
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  /// Writes to `descriptor`, which the caller keeps open and closes.
  init(borrowing descriptor: Int32, flushThreshold: Int = 1 << 20) {
    self.descriptor = descriptor
    self.ownsDescriptor = false
    self.flushThreshold = flushThreshold
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  /// Appends `text` as UTF-8, writing out when the buffer passes its threshold.
  ///
  /// - Throws: ``SystemCallFailure`` when a write fails.
  mutating func write(_ text: String) throws(SystemCallFailure) {
    precondition(!isClosed, "writing to a closed sink")
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Writes out every buffered byte.
  ///
  /// - Throws: ``SystemCallFailure`` when a write fails.
  mutating func flush() throws(SystemCallFailure) {
    guard !buffer.isEmpty else { return }
    let result = buffer.withUnsafeBytes { bytes in
      Result { () throws(SystemCallFailure) in try Self.writeAll(bytes, to: descriptor) }
    }
    buffer.removeAll(keepingCapacity: true)
    try result.get()
  }

  /// Flushes, then closes the descriptor if the sink opened it.
  ///
  /// - Throws: ``SystemCallFailure`` when the final write or `close` fails.
  mutating func close() throws(SystemCallFailure) {
    guard !isClosed else { return }
    defer { isClosed = true }
    let flushed = Result { () throws(SystemCallFailure) in try flush() }
    if ownsDescriptor, systemClose(descriptor) != 0, case .success = flushed {
      throw .current("close")
    }
    try flushed.get()
  }

  /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes.
  ///
  /// - Throws: ``SystemCallFailure`` when `write` fails.
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32)
    throws(SystemCallFailure)
  {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let count = systemWrite(descriptor, base + offset, bytes.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        throw .current("write")
      }
      offset += count
    }
  }

  deinit {
    if ownsDescriptor && !isClosed { _ = systemClose(descriptor) }
  }
}

/// `close(2)`, named apart from ``OutputSink/close()``.
private func systemClose(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
  Glibc.close(descriptor)
  #elseif canImport(Musl)
  Musl.close(descriptor)
  #else
  Darwin.close(descriptor)
  #endif
}

/// `write(2)`, named apart from ``OutputSink/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(descriptor, bytes, count)
  #elseif canImport(Musl)
  Musl.write(descriptor, bytes, count)
  #else
  Darwin.write(descriptor, bytes, count)
  #endif
}

extension OutputSink: Sendable {}
