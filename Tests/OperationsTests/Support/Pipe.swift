import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An OS pipe for feeding a reader piece by piece, as a process on the other end would.
final class TestPipe {
  let readDescriptor: Int32
  private(set) var writeDescriptor: Int32

  /// Creates a pipe; with `nonBlockingReads`, a read with no data fails instead of waiting,
  /// so a reader that asks for more than it needs fails the test rather than hanging it.
  init(nonBlockingReads: Bool = false) throws {
    var descriptors: [Int32] = [0, 0]
    guard pipe(&descriptors) == 0 else { throw POSIXError(.EMFILE) }
    readDescriptor = descriptors[0]
    writeDescriptor = descriptors[1]
    if nonBlockingReads {
      _ = fcntl(readDescriptor, F_SETFL, fcntl(readDescriptor, F_GETFL) | O_NONBLOCK)
    }
  }

  /// Writes all of `bytes` to the pipe.
  func write(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { buffer in
        #if canImport(Glibc)
        Glibc.write(writeDescriptor, buffer.baseAddress, buffer.count)
        #else
        Darwin.write(writeDescriptor, buffer.baseAddress, buffer.count)
        #endif
      }
      precondition(count > 0, "pipe write failed")
      offset += count
    }
  }

  /// Writes `text` as UTF-8.
  func write(_ text: String) { write(Array(text.utf8)) }

  /// Closes the writing end, so the reader sees the end of input.
  func closeWriting() {
    if writeDescriptor >= 0 {
      close(writeDescriptor)
      writeDescriptor = -1
    }
  }

  deinit {
    closeWriting()
    close(readDescriptor)
  }
}
