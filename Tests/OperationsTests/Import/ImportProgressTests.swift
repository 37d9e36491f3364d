import Synchronization
import Testing

@testable import Operations

/// A clock the test moves by hand, and a sink that records what the reporter writes.
private final class Harness: Sendable {
  let now = Mutex<Duration>(.zero)
  let written = Mutex<[String]>([])

  func progress(isTerminal: Bool) -> ImportProgress {
    ImportProgress(
      isTerminal: isTerminal, clock: { self.now.withLock { $0 } },
      write: { text in self.written.withLock { $0.append(text) } })
  }

  func advance(to time: Duration) { now.withLock { $0 = time } }

  var output: [String] { written.withLock { $0 } }
}

struct ImportProgressTests {
  @Test func redrawsAtMostFiveTimesASecond() {
    let harness = Harness()
    var progress = harness.progress(isTerminal: true)
    progress.update(pointsImported: 500, bytesRead: 500, totalBytes: 21_000)
    #expect(harness.output.isEmpty)

    harness.advance(to: .milliseconds(200))
    progress.update(pointsImported: 1_000, bytesRead: 1_000, totalBytes: 21_000)
    #expect(harness.output == ["\rimported 1,000 points  5,000 points/s  ETA 4s\u{1B}[K"])

    harness.advance(to: .milliseconds(399))
    progress.update(pointsImported: 1_500, bytesRead: 1_500, totalBytes: 21_000)
    #expect(harness.output.count == 1)

    harness.advance(to: .milliseconds(400))
    progress.update(pointsImported: 45_000, bytesRead: 10_500, totalBytes: 21_000)
    #expect(harness.output.last == "\rimported 45,000 points  112,500 points/s  ETA 1s\u{1B}[K")

    progress.finish()
    #expect(harness.output.last == "\r\u{1B}[K")
    #expect(harness.output.count == 3)
  }

  @Test func leavesOutTheETAWhenTheSizeIsUnknown() {
    let harness = Harness()
    var progress = harness.progress(isTerminal: true)
    harness.advance(to: .seconds(2))
    progress.update(pointsImported: 24_690, bytesRead: 9_000_000, totalBytes: nil)
    #expect(harness.output == ["\rimported 24,690 points  12,345 points/s\u{1B}[K"])
  }

  @Test func printsNothingWhenNotATerminal() {
    let harness = Harness()
    var progress = harness.progress(isTerminal: false)
    for step in 1...20 {
      harness.advance(to: .milliseconds(250 * step))
      progress.update(pointsImported: step * 1_000, bytesRead: step, totalBytes: 100)
    }
    progress.finish()
    #expect(harness.output.isEmpty)
  }

  @Test func finishWithoutADrawnLinePrintsNothing() {
    let harness = Harness()
    var progress = harness.progress(isTerminal: true)
    progress.update(pointsImported: 10, bytesRead: 10, totalBytes: 100)
    progress.finish()
    #expect(harness.output.isEmpty)
  }

  @Test func lineWithoutElapsedTimeShowsOnlyTheCount() {
    let line = ImportProgress.line(
      pointsImported: 7, elapsed: .zero, bytesRead: 10, totalBytes: 100)
    #expect(line == "imported 7 points")
  }
}
