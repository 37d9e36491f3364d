import ArgumentParser
import ConsoleUI
import Dispatch
import Foundation
import Model
import Operations

/// `ragops bench console`: how long the console takes to show its first frame, and how long
/// each frame of its heaviest tab takes to render, on the user's own data directory.
struct BenchConsoleCommand: AsyncParsableCommand {
  /// The command's name and help.
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "Time the console's first frame and the frames of its Points tab.",
    discussion: """
      Opens the data directory (read-only), loads what the console loads when it starts and \
      renders the collections table: that is the first frame, timed from before the open. \
      Then opens the largest collection's Points tab and renders it FRAMES times, moving the \
      selection one row each frame. No terminal is needed: frames are drawn into the \
      console's cell grid exactly as they would be before reaching the terminal.
      """)

  @OptionGroup var globals: GlobalOptions

  @Option(help: ArgumentHelp("Frames of the Points tab to render.", valueName: "n"))
  var frames = 300

  @Option(help: ArgumentHelp("The terminal size to render at, as COLUMNSxROWS.", valueName: "size"))
  var size = "160x48"

  func validate() throws {
    guard frames >= 1 else { throw ValidationError("--frames must be at least 1") }
    guard terminalSize != nil else { throw ValidationError("--size takes COLUMNSxROWS, each 20 to 1000, e.g. 160x48") }
  }

  private var terminalSize: Size? {
    let parts = size.split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, (20...1000).contains(parts[0]), (20...1000).contains(parts[1]) else { return nil }
    return Size(width: parts[0], height: parts[1])
  }

  func run() async throws {
    guard let terminalSize else { throw ValidationError("--size takes COLUMNSxROWS") }
    let directory = DataDirectory.resolve(explicit: globals.data, environment: ProcessInfo.processInfo.environment)
    let started = DispatchTime.now().uptimeNanoseconds
    let backend: any Backend
    do {
      backend = try BackendChoice.openEmbedded(directory: directory, readOnly: true)
    } catch {
      throw CleanExit.message("error: \(error.message)")
    }
    defer { _ = backend.close(after: .success) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } }
    let console = HeadlessConsole(backend: backend, size: terminalSize)
    await console.start()
    let first = console.render()
    let firstFrame = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    precondition(first.size == terminalSize && console.showsCollections, "the first frame shows the collections")
    print("first frame (open, load, render the collections at \(terminalSize)): \(Quantity.fixed(firstFrame, 1)) ms")
    guard let largest = console.largestCollection else {
      print("the data directory has no collection; no Points tab to render")
      return
    }
    await console.open(collection: largest.name)
    var times: [Double] = []
    times.reserveCapacity(frames)
    for frame in 0..<frames {
      let start = DispatchTime.now().uptimeNanoseconds
      let surface = console.render()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      precondition(surface.size == terminalSize)
      await console.press(frame % 100 < 50 ? .down : .up)
    }
    let sorted = times.sorted()
    let mean = times.reduce(0, +) / Double(times.count)
    let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
    print(
      "points tab of \(largest.name) (\(Quantity.count(largest.points)) points) at \(terminalSize): "
        + "\(frames) frames, mean \(Quantity.fixed(mean, 3)) ms, p99 \(Quantity.fixed(p99, 3)) ms, max \(Quantity.fixed(sorted.last ?? 0, 3)) ms"
    )
  }
}
