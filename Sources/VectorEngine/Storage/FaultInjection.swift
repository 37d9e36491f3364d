// Debug-build fault injection for the calls of `System` and `FileDescriptor`: a test installs
// a rule naming a call, a path fragment and an errno, and the matching call fails (or writes
// short, then fails) as if the operating system had said so. Rules are scoped by path so
// parallel tests don't interfere; release builds compile the checks away.

import Synchronization

/// Debug-build fault injection for the calls of ``System`` and ``FileDescriptor``, scoped by
/// path so parallel tests don't interfere; release builds compile the checks away.
enum FaultInjection {
  /// A call that can be made to fail.
  enum Operation: Sendable, Hashable {
    case open, write, sync, rename, truncate, mkdir
  }

  /// A planned failure: the `skip`+1-th matching call fails with `code`, `count` times.
  struct Rule: Sendable {
    var operation: Operation
    var pathContains: String
    var code: Int32
    var skip: Int = 0
    var count: Int = 1
    /// For writes: write this many bytes first (a short write), then fail.
    var partialBytes: Int? = nil
  }

  #if DEBUG
  private static let rules = Mutex<[Rule]>([])

  /// Installs a rule (tests only).
  static func add(_ rule: Rule) {
    rules.withLock { $0.append(rule) }
  }

  /// Removes every rule whose path filter equals `pathContains`.
  static func removeRules(matching pathContains: String) {
    rules.withLock { $0.removeAll { $0.pathContains == pathContains } }
  }
  #endif

  @inline(__always)
  static func check(_ operation: Operation, _ path: String) throws(SystemError) {
    var ignored = 0
    try check(operation, path, chunk: &ignored)
  }

  @inline(__always)
  static func check(_ operation: Operation, _ path: String, chunk: inout Int) throws(SystemError) {
    #if DEBUG
    let failure: (Int32, Int?)? = rules.withLock { rules in
      guard let index = rules.firstIndex(where: {
        $0.operation == operation && path.contains($0.pathContains)
      }) else { return nil }
      if rules[index].skip > 0 {
        rules[index].skip -= 1
        return nil
      }
      let rule = rules[index]
      rules[index].count -= 1
      if rules[index].count <= 0 { rules.remove(at: index) }
      return (rule.code, rule.partialBytes)
    }
    guard let (code, partial) = failure else { return }
    if let partial, partial > 0, partial < chunk {
      chunk = partial
      // Let this short write through; the next one fails.
      add(Rule(operation: operation, pathContains: path, code: code))
      return
    }
    throw SystemError(code: code, operation: "\(operation) (injected)", path: path)
    #endif
  }
}
