/// A failed system call: which call, on which path, and the `errno` it returned.
package struct SystemError: Error, Hashable, CustomStringConvertible {
  /// The `errno` value.
  package var code: Int32
  /// The call that failed, e.g. `"fsync"`.
  package var operation: String
  /// The file or directory the call was about.
  package var path: String

  /// A failure of `operation` on `path` with `errno` value `code`.
  package init(code: Int32, operation: String, path: String) {
    self.code = code
    self.operation = operation
    self.path = path
  }

  /// Whether the device is full (`ENOSPC` or `EDQUOT`).
  var isDiskFull: Bool { code == System.errnoNoSpace || code == System.errnoQuota }

  /// The system's words for ``code``, such as "No such file or directory".
  package var reason: String { System.describe(errno: code) }

  /// `"fsync /data/x: Input/output error"`.
  package var description: String { "\(operation) \(path): \(reason)" }
}

extension SystemError: Sendable {}
