import Synchronization
import Testing
@testable import VectorEngine

/// The threads index builds run on: each share of the work runs once, on a thread whose
/// priority is below the caller's, and the caller's own priority is left as it was.
struct LowPriorityThreadsTests {
  @Test func eachShareRunsOnceOnAThreadOfLowerPriority() throws {
    let caller = try #require(System.currentThreadNiceValue)
    let seen = Mutex<[Int: Int32]>([:])
    System.runOnLowPriorityThreads(3) { index in
      let nice = System.currentThreadNiceValue ?? caller
      seen.withLock { $0[index] = nice }
    }
    let values = seen.withLock { $0 }
    #expect(values.keys.sorted() == [0, 1, 2])
    #expect(values.values.allSatisfy { $0 == min(19, caller + 10) })
    #expect(System.currentThreadNiceValue == caller)
  }
}
