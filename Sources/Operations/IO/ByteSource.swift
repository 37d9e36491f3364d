#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A readable file descriptor: a file opened by path, or a borrowed one such as standard input.
///
/// The wrapper retries reads interrupted by signals and turns `errno` into
/// ``SystemCallFailure``. It closes the descriptor when it opened it.
struct ByteSource: ~Copyable {
  /// The descriptor being read.
  let descriptor: Int32
  /// The size in bytes when the descriptor is a regular file, else `nil`.
  let size: Int?
  private let ownsDescriptor: Bool

  /// Opens `path` for reading.
  ///
  /// - Throws: ``SystemCallFailure`` when the file cannot be opened or is a directory.
  init(path: String) throws(SystemCallFailure) {
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { throw .current("open") }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let failure = SystemCallFailure.current("stat")
      close(descriptor)
      throw failure
    }
    if status.st_mode & S_IFMT == S_IFDIR {
      close(descriptor)
      throw SystemCallFailure(operation: "open", code: EISDIR)
    }
    self.descriptor = descriptor
    self.size = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
    self.ownsDescriptor = true
  }

  /// Reads from `descriptor`, which the caller keeps open and closes.
  init(borrowing descriptor: Int32) {
    var status = stat()
    let isRegular = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    self.descriptor = descriptor
    // A regular file may be read from an offset (stdin redirected after a partial read).
    let offset = isRegular ? Int(lseek(descriptor, 0, SEEK_CUR)) : 0
    self.size = isRegular ? max(Int(status.st_size) - max(offset, 0), 0) : nil
    self.ownsDescriptor = false
  }

  /// Reads up to `buffer.count` bytes; returns 0 at the end of input.
  ///
  /// Returns after one successful `read`, so on a pipe it delivers whatever has arrived.
  ///
  /// - Throws: ``SystemCallFailure`` when `read` fails.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallFailure) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      #if canImport(Glibc)
      let count = Glibc.read(descriptor, base, buffer.count)
      #elseif canImport(Musl)
      let count = Musl.read(descriptor, base, buffer.count)
      #else
      let count = Darwin.read(descriptor, base, buffer.count)
      #endif
      if count >= 0 { return count }
      if errno != EINTR { throw .current("read") }
    }
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }
}

extension ByteSource: Sendable {}
