import VectorEngine

/// A readable file: one opened by path, or a borrowed descriptor such as standard input.
///
/// Reads go through the engine's system-call layer (``FileDescriptor``), which retries
/// interrupted calls and throws ``SystemError`` naming the call. The source closes the
/// descriptor when it opened it.
struct ByteSource: ~Copyable {
  private let file: FileDescriptor
  /// The bytes left to read when the input is a regular file, else `nil`.
  let size: Int?
  private let ownsDescriptor: Bool

  /// Opens `path` for reading.
  ///
  /// - Throws: ``SystemError`` when the file cannot be opened or is a directory.
  init(path: String) throws(SystemError) {
    let file = try System.open(path, .readOnly)
    let status: FileStatus
    do {
      status = try file.status()
    } catch {
      file.close()
      throw error
    }
    if status.isDirectory {
      file.close()
      throw SystemError(code: System.errnoIsDirectory, operation: "open", path: path)
    }
    self.file = file
    self.size = status.isRegularFile ? status.size : nil
    self.ownsDescriptor = true
  }

  /// Reads from `descriptor`, which the caller keeps open and closes.
  init(borrowing descriptor: Int32) {
    let file = FileDescriptor(borrowing: descriptor, name: descriptor == 0 ? "stdin" : "descriptor \(descriptor)")
    let status = try? file.status()
    self.file = file
    // A regular file may be read from an offset (stdin redirected after a partial read).
    self.size = status.flatMap { $0.isRegularFile ? max($0.size - $0.offset, 0) : nil }
    self.ownsDescriptor = false
  }

  /// Reads up to `buffer.count` bytes; returns 0 at the end of input.
  ///
  /// Returns after one successful `read`, so on a pipe it delivers whatever has arrived.
  ///
  /// - Throws: ``SystemError`` when `read` fails.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
    try file.readSome(into: buffer)
  }

  deinit {
    if ownsDescriptor { file.close() }
  }
}

extension ByteSource: Sendable {}
