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
  /// The installed rules, in the order they were added.
  private static let rules = Mutex<[Rule]>([])
  /// How many rules are installed, stored under the `rules` lock whenever they change: the
  /// lock-free test every check makes first, so that while no rule is installed the calls of
  /// parallel tests do not queue on the lock.
  private static let ruleCount = Atomic<Int>(0)

  /// Installs a rule (tests only).
  static func add(_ rule: Rule) {
    rules.withLock { rules in
      rules.append(rule)
      ruleCount.store(rules.count, ordering: .releasing)
    }
  }

  /// Removes every rule whose path filter equals `pathContains`.
  static func removeRules(matching pathContains: String) {
    rules.withLock { rules in
      rules.removeAll { $0.pathContains == pathContains }
      ruleCount.store(rules.count, ordering: .releasing)
    }
  }
  #endif

  /// Fails the call as the first rule matching `operation` and `path` says (debug builds).
  @inline(__always)
  static func check(_ operation: Operation, _ path: String) throws(SystemError) {
    var ignored = 0
    try check(operation, path, chunk: &ignored)
  }

  /// Fails the call as the first rule matching `operation` and `path` says, or shortens a write
  /// to the rule's `partialBytes` (`chunk`) and fails the next one (debug builds).
  ///
  /// With no rule installed it returns after one atomic load, without taking the lock.
  @inline(__always)
  static func check(_ operation: Operation, _ path: String, chunk: inout Int) throws(SystemError) {
    #if DEBUG
    guard ruleCount.load(ordering: .acquiring) > 0 else { return }
    let failure: (Int32, Int?)? = rules.withLock { rules in
      defer { ruleCount.store(rules.count, ordering: .releasing) }
      guard
        let index = rules.firstIndex(where: {
          $0.operation == operation && path.contains($0.pathContains)
        })
      else { return nil }
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
