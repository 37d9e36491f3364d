import Foundation
import Testing
import VectorEngine

/// The one-shot runner and the scheduler daemon as operators run them: exit codes, the shared
/// lock, and a day boundary crossed under `faketime`.
struct BackupRunnerTests {
  private func prepare(_ scratch: ScratchDirectory, schedule: String) throws -> String {
    let data = scratch.path + "/data"
    let points = scratch.file("points.jsonl", contents: (1...50).map { "{\"id\":\($0),\"vector\":[\($0),1,2,3],\"payload\":{\"n\":\($0)}}" }.joined(separator: "\n"))
    let setup = try RagopsBinary.run(["--data", data, "--batch", "-"], input: """
      collection create docs --dim 4 --distance dot
      points upsert docs --file \(points)
      \(schedule)

      """)
    try #require(setup.status == 0, "\(setup.standardError)")
    return data
  }

  /// The `faketime` wrapper (Debian package `faketime`, installed by `.ci/run`).
  private static var faketime: String {
    ["/usr/bin/faketime", "/usr/local/bin/faketime"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "faketime"
  }

  /// `ragops arguments…` on a fake clock, to completion.
  private static func onFakeClock(_ clock: String, _ arguments: [String]) throws -> RagopsBinary.Output {
    try RagopsBinary.run(["-f", clock, RagopsBinary.path] + arguments, executable: faketime)
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
    let ahead = try Self.onFakeClock("+2m", ["backup", "run", "--if-due", "--data", data])
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
    try holder.run()
    let holderLines = LineStream(output.fileHandleForReading)
    input.fileHandleForWriting.write(Data("collections\n".utf8))
    #expect(holderLines.next(containing: "docs") != nil)
    let busy = try Self.onFakeClock("+4m", ["backup", "run", "--if-due", "--data", data])
    #expect(busy.status == 3)
    #expect(busy.standardError.contains("is in use by pid \(holder.processIdentifier)"))
    try input.fileHandleForWriting.close()
    holder.waitUntilExit()
    let list = try RagopsBinary.run(["--data", data, "--json", "backup", "list"])
    #expect(list.standardOutput.components(separatedBy: "\"status\":\"SUCCEEDED\"").count - 1 == 1)
  }

  @Test func schedulerCrossesMidnightOnceAndAConcurrentOneShotReportsTheLock() throws {
    let scratch = ScratchDirectory()
    let data = try prepare(scratch, schedule: "schedule set nightly --daily 00:00 --retention-days 3")
    let fifo = scratch.path + "/hold"
    #expect(mkfifo(fifo, 0o600) == 0)

    let scheduler = Process()
    scheduler.executableURL = URL(fileURLWithPath: Self.faketime)
    // One real second is one simulated minute; the scheduler re-checks every real second.
    scheduler.arguments = ["-f", "@2026-11-27 23:57:00 x60", RagopsBinary.path, "scheduler", "--data", data, "--tick", "1", "--verbose"]
    var environment = ProcessInfo.processInfo.environment
    environment["RAGOPS_DEBUG_BACKUP_HOLD"] = fifo
    scheduler.environment = environment
    let errors = Pipe()
    scheduler.standardError = errors
    scheduler.standardOutput = FileHandle.nullDevice
    try scheduler.run()
    let log = LineStream(errors.fileHandleForReading)

    #expect(log.next(containing: "not due; next slot 2026-11-28 00:00 UTC") != nil, "\(log.transcript)")
    let running = try #require(log.next(containing: "slot 2026-11-28 00:00 due: running (scheduled)"), "\(log.transcript)")
    #expect(running.hasPrefix("2026-11-28T00:0"))
    #expect(log.next(containing: "debug: holding the backup lock") != nil)

    // While the scheduler holds the lock, a one-shot in the same simulated minute reports it.
    let concurrent = try Self.onFakeClock("@2026-11-28 00:01:00", ["backup", "run", "--if-due", "--data", data])
    #expect(concurrent.status == 3)
    #expect(concurrent.standardError.contains("the backup lock is held by pid"))

    let release = try #require(FileHandle(forWritingAtPath: fifo))
    release.write(Data([1]))
    try release.close()
    #expect(log.next(containing: "backup 1 succeeded") != nil, "\(log.transcript)")
    for _ in 0..<3 {
      #expect(log.next(containing: "not due; next slot 2026-11-29 00:00 UTC") != nil, "\(log.transcript)")
    }
    #expect(kill(try Self.child(of: scheduler.processIdentifier), SIGTERM) == 0)
    scheduler.waitUntilExit()
    #expect(scheduler.terminationReason == .exit && scheduler.terminationStatus == 0)
    #expect(log.next(containing: "scheduler stopped on SIGTERM") != nil)

    let list = try RagopsBinary.run(["--data", data, "--json", "backup", "list"])
    let scheduled = list.standardOutput.components(separatedBy: "{\"id\"").filter {
      $0.contains("\"trigger\":\"scheduled\"") && $0.contains("\"status\":\"SUCCEEDED\"")
    }
    #expect(scheduled.count == 1, "\(list.standardOutput)")
    #expect(scheduled.first?.contains("\"slot\":\"2026-11-28T00:00:00Z\"") == true)
    let verify = try RagopsBinary.run(["--data", data, "backup", "verify", "1"])
    #expect(verify.status == 0, "\(verify.standardError)")
  }
}
