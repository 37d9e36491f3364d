import Foundation
import TestSupport
import Testing
import VectorEngine
@testable import Model
import Operations

/// The one-shot runner and the scheduler daemon as operators run them: exit codes, the shared
/// lock, and a day boundary crossed under `faketime`.
struct BackupRunnerTests {
  /// A data directory with one collection and `schedule`, set at `instant` (the test's own
  /// clock when `nil`).
  private func prepare(_ scratch: ScratchDirectory, schedule: String, at instant: Int64? = nil) throws -> String {
    let data = scratch.path + "/data"
    let points = scratch.file(
      "points.jsonl",
      contents: (1...50).map { "{\"id\":\($0),\"vector\":[\($0),1,2,3],\"payload\":{\"n\":\($0)}}" }.joined(
        separator: "\n"))
    let script = """
      collection create docs --dim 4 --distance dot
      points upsert docs --file \(points)
      \(schedule)

      """
    let arguments = ["--data", data, "--batch", "-"]
    let setup =
      try instant.map { try Self.onFakeClock(at: $0, arguments, input: script) }
      ?? RagopsBinary.run(arguments, input: script)
    try #require(setup.status == 0, "\(setup.standardError)")
    return data
  }

  /// `ragops arguments…` with its clock started at `instant`, to completion.
  private static func onFakeClock(at instant: Int64, _ arguments: [String], input: String? = nil) throws
    -> RagopsBinary.Output
  {
    try RagopsBinary.run(
      FakeClock.arguments(startingAt: instant, [RagopsBinary.path] + arguments), input: input,
      environment: FakeClock.environment, executable: FakeClock.executable)
  }

  /// The pid of the process `faketime` started (it forks its command and waits).
  private static func child(of pid: Int32) throws -> Int32 {
    let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
    return try #require(children.split(separator: " ").first.flatMap { Int32($0) }, "faketime has no child process")
  }

  @Test func oneShotSaysNotDueOrRanAndHonoursTheLocks() throws {
    let scratch = ScratchDirectory()
    let data = try prepare(scratch, schedule: "schedule set every --every 1m --collection docs")
    // A fresh schedule's first slot is in the future: not due, exit 0.
    let first = try RagopsBinary.run(["backup", "run", "--if-due", "--data", data])
    #expect(first.status == 0)
    #expect(first.standardOutput.contains("schedule every: not due; next slot"))
    // Under a clock two minutes ahead, it runs and verifies.
    let ahead = try Self.onFakeClock(at: FakeClock.now + 120, ["backup", "run", "--if-due", "--data", data])
    #expect(ahead.status == 0, "\(ahead.standardError)")
    #expect(ahead.standardOutput.contains("SUCCEEDED") && ahead.standardOutput.contains("verified"))
    // Another process holding the data directory: exit 3, and nothing recorded for the slot.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: RagopsBinary.path)
    holder.arguments = ["--data", data, "--batch", "-"]
    let input = Pipe()
    let output = Pipe()
    holder.standardInput = input
    holder.standardOutput = output
    holder.standardError = FileHandle.nullDevice
    let holderExit = try holder.startWatched()
    let holderLines = LineStream(output.fileHandleForReading)
    input.fileHandleForWriting.write(Data("collections\n".utf8))
    #expect(holderLines.next(containing: "docs") != nil)
    let busy = try Self.onFakeClock(at: FakeClock.now + 240, ["backup", "run", "--if-due", "--data", data])
    #expect(busy.status == 3)
    #expect(busy.standardError.contains("is in use by pid \(holder.processIdentifier)"))
    // The holder is a plain script, not a console: nothing is claimed about its scheduler.
    #expect(!busy.standardError.contains("scheduler") && !busy.standardOutput.contains("scheduler"))
    try input.fileHandleForWriting.close()
    holderExit.wait()
    let list = try RagopsBinary.run(["--data", data, "--json", "backup", "list"])
    #expect(list.standardOutput.components(separatedBy: "\"status\":\"SUCCEEDED\"").count - 1 == 1)
  }

  @Test func schedulerCrossesMidnightOnceAndAConcurrentOneShotReportsTheLock() throws {
    // The next UTC midnight on the test's own clock; everything below runs on a fake clock
    // placed around it, so the test reads the same on any day and in any time zone.
    let midnight = FakeClock.nextUTCMidnight(after: FakeClock.now)
    let day = Int64(86_400)
    func minute(_ instant: Int64) -> String { UTCTimestamp(epochSeconds: instant).shortText }
    let scratch = ScratchDirectory()
    let data = try prepare(
      scratch, schedule: "schedule set nightly --daily 00:00 --retention-days 3", at: midnight - 600)
    // This process holds the backup lock as another backup run would, until the scheduler
    // and a one-shot have both found it held.
    var held: LockFile? = try LockFile(path: data + "/locks/backup.lock") { "held by \($0)" }
    let holder = "the backup lock is held by pid \(ProcessInfo.processInfo.processIdentifier)"

    let scheduler = Process()
    scheduler.executableURL = URL(fileURLWithPath: FakeClock.executable)
    // Three simulated minutes before midnight; one real second is one simulated minute, and
    // the scheduler re-checks every real second.
    scheduler.arguments = FakeClock.arguments(
      startingAt: midnight - 180, speed: 60,
      [RagopsBinary.path, "scheduler", "--data", data, "--tick", "1", "--verbose"])
    scheduler.environment = ProcessInfo.processInfo.environment.merging(FakeClock.environment) { $1 }
    let errors = Pipe()
    scheduler.standardError = errors
    scheduler.standardOutput = FileHandle.nullDevice
    let schedulerExit = try scheduler.startWatched()
    defer {
      // A failed wait leaves the scheduler running.
      if scheduler.isRunning {
        if let child = try? Self.child(of: scheduler.processIdentifier) { kill(child, SIGKILL) }
        scheduler.terminate()
        schedulerExit.wait()
      }
    }
    let log = LineStream(errors.fileHandleForReading)

    // The scheduler wakes every simulated minute and finds the lock held each time; wait for
    // a wakeup at or after midnight, when the slot is due.
    let midnightMinute = String(UTCTimestamp(epochSeconds: midnight).rfc3339.prefix(15))
    var wakeups = 0
    while let skipped = log.next(containing: "skipped: \(holder)"), !skipped.hasPrefix(midnightMinute) {
      wakeups += 1
      try #require(wakeups < 10, "no wakeup at midnight while the lock was held")
    }
    // A one-shot in the same simulated minute reports the lock too, and runs nothing.
    let concurrent = try Self.onFakeClock(at: midnight + 60, ["backup", "run", "--if-due", "--data", data])
    #expect(concurrent.status == 3)
    #expect(concurrent.standardError.contains(holder))

    // Released: the scheduler runs the slot it could not run, once.
    held = nil
    #expect(held == nil)
    #expect(log.next(containing: "slot \(minute(midnight)) due: running (scheduled)") != nil)
    let succeeded = try #require(log.next(containing: "succeeded"))
    let id = try #require(succeeded.split(separator: " ").drop { $0 != "backup" }.dropFirst().first.map(String.init))
    for _ in 0..<3 {
      #expect(log.next(containing: "not due; next slot \(minute(midnight + day)) UTC") != nil)
    }
    #expect(kill(try Self.child(of: scheduler.processIdentifier), SIGTERM) == 0)
    schedulerExit.wait()
    #expect(scheduler.terminationReason == .exit && scheduler.terminationStatus == 0)
    #expect(log.next(containing: "scheduler stopped on SIGTERM") != nil)

    let list = try RagopsBinary.run(["--data", data, "--json", "backup", "list"])
    let scheduled = list.standardOutput.components(separatedBy: "{\"id\"").filter {
      $0.contains("\"trigger\":\"scheduled\"") && $0.contains("\"status\":\"SUCCEEDED\"")
    }
    #expect(scheduled.count == 1, "\(list.standardOutput)")
    #expect(scheduled.first?.contains("\"slot\":\"\(UTCTimestamp(epochSeconds: midnight).rfc3339)\"") == true)
    let verify = try RagopsBinary.run(["--data", data, "backup", "verify", id])
    #expect(verify.status == 0, "\(verify.standardError)")
  }
}
