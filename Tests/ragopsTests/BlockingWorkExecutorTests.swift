import Dispatch
import Foundation
import Testing
@testable import QdrantServer

/// The server's threads for writing requests: a handler blocked there leaves Swift's
/// cooperative pool, which the searches run on, free.
struct BlockingWorkExecutorTests {
  @Test func handlersRunOnTheExecutorsOwnThreads() async {
    let executor = BlockingWorkExecutor(threads: 2)
    #expect(!BlockingWorkExecutor.isCurrentThreadOne)
    let onOne = await withTaskExecutorPreference(executor) { BlockingWorkExecutor.isCurrentThreadOne }
    #expect(onOne)
  }

  @Test func blockedHandlersLeaveTheCooperativePoolFree() async throws {
    // More blocked handlers than the cooperative pool has threads, each on a thread of the
    // executor's; were they run on the pool, nothing else could run until they were released.
    let blocked = ProcessInfo.processInfo.activeProcessorCount + 1
    let executor = BlockingWorkExecutor(threads: blocked)
    let release = DispatchSemaphore(value: 0)
    let started = DispatchSemaphore(value: 0)
    let handlers = (0..<blocked).map { _ in
      // Started on the executor directly: a cooperative pool kept busy by other tests cannot
      // delay them.
      Task(executorPreference: executor) {
        let onOne = BlockingWorkExecutor.isCurrentThreadOne
        started.signal()
        release.wait()
        return onOne
      }
    }
    // Wait (off the cooperative pool) until every handler holds one of the executor's threads.
    let allStarted = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        let ok = (0..<blocked).allSatisfy { _ in started.wait(timeout: .now() + 60) == .success }
        continuation.resume(returning: ok)
      }
    }
    #expect(allStarted, "every handler started on a thread of its own")
    // A task on the cooperative pool still runs while all of them are blocked.
    let sum = await Task { (1...1_000).reduce(0, +) }.value
    #expect(sum == 500_500)
    for _ in 0..<blocked { release.signal() }
    for handler in handlers { #expect(await handler.value) }
  }

  @Test func jobsBeyondTheThreadsWaitTheirTurnAndAllRun() async {
    let executor = BlockingWorkExecutor(threads: 1)
    let results = await withTaskGroup(of: Int.self) { group in
      for value in 0..<50 {
        group.addTask { await withTaskExecutorPreference(executor) { value * 2 } }
      }
      return await group.reduce(into: [Int]()) { $0.append($1) }
    }
    #expect(results.sorted() == (0..<50).map { $0 * 2 })
  }
}
