/// A failed system call: which call, on which path, and the `errno` it returned.
struct SystemError: Error, Hashable, CustomStringConvertible {
  /// The `errno` value.
  var code: Int32
  /// The call that failed, e.g. `"fsync"`.
  var operation: String
  /// The file or directory the call was about.
  var path: String

  /// Whether the device is full (`ENOSPC` or `EDQUOT`).
  var isDiskFull: Bool { code == System.errnoNoSpace || code == System.errnoQuota }

  /// `"fsync /data/x: Input/output error"`.
  var description: String { "\(operation) \(path): \(System.describe(errno: code))" }
}

extension SystemError: Sendable {}
