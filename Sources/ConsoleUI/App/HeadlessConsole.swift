public import Operations
import Model

/// The console without a terminal: the same state, reducer, effect runner and renderer as
/// ``ConsoleApp``, driven by calls instead of keys from a terminal. Measurements
/// (`ragops bench console`) and tests use it to see exactly what a person would, frame by frame.
public final class HeadlessConsole {
  private var state: AppState
  private let runner: EffectRunner
  private let mailbox = Mailbox()

  /// A console over `backend` at `size`, before anything is loaded.
  public init(backend: any Backend, size: Size) {
    runner = EffectRunner(backend: backend, gate: EngineGate(), mailbox: mailbox)
    state = AppState(
      size: size, now: 0, keymap: .standard, isReadOnly: backend.isReadOnly, location: backend.location,
      engineVersion: backend.version, themeName: Theme.builtIn.name, capabilities: backend.capabilities)
  }

  deinit { runner.stop() }

  /// Loads what the console loads when it starts, until nothing is left to do.
  ///
  /// - Complexity: the effects' own work; the event log is not followed.
  public func start() async {
    await settle(AppReducer.initialEffects(state))
  }

  /// Whether the collections table has been loaded (what the first frame waits for).
  public var showsCollections: Bool { state.collections.isLoaded }

  /// The collection with the most points, with its point count, once loaded.
  public var largestCollection: (name: String, points: Int)? {
    state.collections.infos.max { $0.pointsCount < $1.pointsCount }.map { ($0.name, $0.pointsCount) }
  }

  /// Selects collection `name` in the table and opens it (Enter), until its page is loaded.
  public func open(collection name: String) async {
    let visible = state.collections.visible
    guard let row = visible.firstIndex(where: { $0.name == name }) else { return }
    state.collections.table.select(row, rowCount: visible.count)
    await press(.enter)
  }

  /// Reduces `key` and runs the effects it asks for, until nothing is left to do.
  public func press(_ key: Key) async {
    let (next, effects) = AppReducer.reduce(state, .key(key))
    state = next
    await settle(effects)
  }

  /// The frame a terminal of the console's size would show now.
  public func render() -> Surface {
    ScreenRenderer.render(state, size: state.size, theme: .builtIn)
  }

  private func settle(_ effects: [Effect]) async {
    var queue = effects
    while !queue.isEmpty {
      for effect in queue { await runner.runNow(effect) }
      queue = []
      for action in mailbox.drain() {
        let (next, more) = AppReducer.reduce(state, action)
        state = next
        // The event log polls forever; one load of it is enough here.
        queue += more.filter { if case .loadEvents = $0 { false } else { true } }
      }
    }
  }
}
