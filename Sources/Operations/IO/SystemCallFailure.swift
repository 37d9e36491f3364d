#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: which operation and the `errno` it set.
struct SystemCallFailure: Error, Hashable {
  /// The operation in words, such as "open" or "read".
  var operation: String
  /// The `errno` value.
  var code: Int32

  /// The system's description of ``code``, such as "No such file or directory".
  var reason: String { String(cString: strerror(code)) }

  /// Captures the current `errno` for `operation`.
  static func current(_ operation: String) -> SystemCallFailure {
    SystemCallFailure(operation: operation, code: errno)
  }
}

extension SystemCallFailure: Sendable {}
