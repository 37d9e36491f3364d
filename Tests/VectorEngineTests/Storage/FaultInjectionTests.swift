import Dispatch
import Foundation
import Synchronization
import Testing

@testable import VectorEngine

/// Fault-injection rules apply exactly as planned: to the matching call of the matching path,
/// after `skip` calls, `count` times, from any thread, whether or not other rules are
/// installed. The checks are made directly, on paths no file has, so nothing touches the disk.
struct FaultInjectionTests {
  /// A path that no other test's rule matches.
  private func uniquePath(_ label: String = #function) -> String {
    "/fault-injection-tests/\(UUID().uuidString)/\(label.filter(\.isLetter))"
  }

  /// Whether one check of `operation` on `path` fails, and with which errno.
  private func outcome(_ operation: FaultInjection.Operation, _ path: String) -> Int32? {
    do {
      try FaultInjection.check(operation, path)
      return nil
    } catch {
      return error.code
    }
  }

  @Test func aRuleSkipsThenFailsCountTimesThenIsGone() {
    let path = uniquePath()
    FaultInjection.add(.init(operation: .sync, pathContains: path, code: System.errnoIO, skip: 2, count: 3))
    defer { FaultInjection.removeRules(matching: path) }
    let outcomes = (0..<7).map { _ in outcome(.sync, path + "/file") }
    #expect(outcomes == [nil, nil, System.errnoIO, System.errnoIO, System.errnoIO, nil, nil])
  }

  @Test func aRuleAppliesOnlyToItsOperationAndToPathsContainingItsFragment() {
    let path = uniquePath()
    FaultInjection.add(.init(operation: .rename, pathContains: path, code: System.errnoNoSpace))
    defer { FaultInjection.removeRules(matching: path) }
    #expect(outcome(.write, path) == nil)
    #expect(outcome(.rename, uniquePath()) == nil)
    #expect(outcome(.rename, path + "/x") == System.errnoNoSpace)
    #expect(outcome(.rename, path + "/x") == nil)
  }

  @Test func aShortWriteRuleShortensOneChunkThenFailsTheNextWrite() throws {
    let path = uniquePath()
    FaultInjection.add(.init(operation: .write, pathContains: path, code: System.errnoNoSpace, partialBytes: 10))
    defer { FaultInjection.removeRules(matching: path) }
    var chunk = 100
    try FaultInjection.check(.write, path, chunk: &chunk)
    #expect(chunk == 10)
    var next = 90
    #expect(throws: SystemError.self) { try FaultInjection.check(.write, path, chunk: &next) }
    var after = 90
    try FaultInjection.check(.write, path, chunk: &after)
    #expect(after == 90)
  }

  @Test func removedRulesNoLongerApply() {
    let path = uniquePath()
    FaultInjection.add(.init(operation: .open, pathContains: path, code: System.errnoIO, count: 5))
    #expect(outcome(.open, path) == System.errnoIO)
    FaultInjection.removeRules(matching: path)
    #expect(outcome(.open, path) == nil)
  }

  @Test func aRuleAddedOnOneThreadAppliesToCallsOnAnother() {
    let path = uniquePath()
    FaultInjection.add(.init(operation: .truncate, pathContains: path, code: System.errnoIO))
    defer { FaultInjection.removeRules(matching: path) }
    let seen = Mutex<Int32?>(nil)
    let done = DispatchGroup()
    DispatchQueue(label: "fault-injection-test").async(group: done) {
      let code = outcome(.truncate, path)
      seen.withLock { $0 = code }
    }
    done.wait()
    #expect(seen.withLock { $0 } == System.errnoIO)
  }

  @Test func callsFromManyThreadsAtOnceFailExactlyCountTimes() {
    let path = uniquePath()
    let other = uniquePath()
    FaultInjection.add(.init(operation: .write, pathContains: path, code: System.errnoIO, skip: 7, count: 13))
    defer { FaultInjection.removeRules(matching: path) }
    let failures = Atomic<Int>(0)
    let otherFailures = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      for _ in 0..<50 {
        if outcome(.write, path) != nil { failures.add(1, ordering: .relaxed) }
        if outcome(.write, other) != nil { otherFailures.add(1, ordering: .relaxed) }
      }
    }
    #expect(failures.load(ordering: .relaxed) == 13)
    #expect(otherFailures.load(ordering: .relaxed) == 0)
  }
}
