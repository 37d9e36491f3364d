import Dispatch
public import Operations
import Model

/// Frame-time measurement of the console's heaviest tab, for `ragops --measure-render`.
public enum ConsoleBenchmark {
  /// Frame times of one screen.
  public struct Report: Sendable, CustomStringConvertible {
    /// The collection rendered.
    public var collection: String
    /// Its points.
    public var points: Int
    /// The terminal size rendered at.
    public var size: Size
    /// Milliseconds per frame, in render order.
    public var milliseconds: [Double]

    /// `points tab of docs (3,000 points) at 160×48: 300 frames, mean 0.41 ms, p99 0.80 ms`.
    public var description: String {
      let sorted = milliseconds.sorted()
      let mean = milliseconds.reduce(0, +) / Double(max(1, milliseconds.count))
      let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
      return "points tab of \(collection) (\(ResultFormatting.count(points)) points) at \(size): \(milliseconds.count) frames, mean \(Format.fixed(mean, 3)) ms, p99 \(Format.fixed(p99, 3)) ms, max \(Format.fixed(sorted.last ?? 0, 3)) ms"
    }
  }

  /// Opens the largest collection's Points tab through the reducer and the effect runner (on
  /// this thread), then renders it `frames` times, moving the selection one row each frame.
  ///
  /// - Throws: ``BenchmarkError`` when the store has no collection or loading fails.
  public static func pointsTabFrames(backend: EmbeddedBackend, frames: Int, size: Size) throws -> Report {
    let mailbox = Mailbox()
    let runner = EffectRunner(backend: backend, gate: EngineGate(), mailbox: mailbox)
    var state = AppState(
      size: size, now: 0, keymap: .standard, isReadOnly: true, location: backend.location,
      engineVersion: backend.engineVersion, themeName: Theme.builtIn.name)
    func settle(_ effects: [Effect]) {
      var queue = effects
      while !queue.isEmpty {
        for effect in queue { runner.runNow(effect) }
        queue = []
        for action in mailbox.drain() {
          let (next, more) = AppReducer.reduce(state, action)
          state = next
          queue += more.filter { if case .loadEvents = $0 { false } else { true } }
        }
      }
    }
    settle([.loadCollections])
    guard let largest = state.collections.infos.max(by: { $0.pointsCount < $1.pointsCount }) else {
      throw BenchmarkError(message: "the data directory has no collection to render")
    }
    state.collections.table.select(state.collections.visible.firstIndex(of: largest) ?? 0, rowCount: state.collections.visible.count)
    let (opened, effects) = AppReducer.reduce(state, .key(.enter))
    state = opened
    settle(effects)
    var times: [Double] = []
    times.reserveCapacity(frames)
    for frame in 0..<frames {
      let start = DispatchTime.now().uptimeNanoseconds
      let surface = ScreenRenderer.render(state, size: size, theme: .builtIn)
      let end = DispatchTime.now().uptimeNanoseconds
      precondition(surface.size == size)
      times.append(Double(end - start) / 1e6)
      state = AppReducer.reduce(state, .key(frame % 100 < 50 ? .down : .up)).0
    }
    return Report(collection: largest.name, points: largest.pointsCount, size: size, milliseconds: times)
  }
}
