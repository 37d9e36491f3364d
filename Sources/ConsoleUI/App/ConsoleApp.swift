import Foundation
public import Operations
import Model

/// The interactive console: opens the terminal, runs the loop, gives the terminal back.
///
/// The loop waits up to 50 ms for a key, turns keys, ticks and results from the worker into
/// ``AppAction`` values, reduces them (``AppReducer``), starts the effects they ask for, and
/// redraws only when the state changed. Engine work runs on the worker thread; the backup
/// scheduler runs on a thread of its own (``BackupDaemon``), sharing the engine gate, and
/// stops when the console quits.
@MainActor
public enum ConsoleApp {
  /// How the console opens.
  public struct Options: Sendable {
    /// The open store.
    public var backend: any Backend
    /// `--theme NAME|PATH`, or `nil` for `$RAGOPS_THEME` or the default.
    public var theme: String?
    /// `--mouse`: report clicks and the wheel from the start.
    public var mouse: Bool
    /// `--read-only`: hide and refuse every writing action; no background scheduler.
    public var readOnly: Bool
    /// The process environment.
    public var environment: [String: String]

    /// Creates options.
    public init(
      backend: any Backend, theme: String?, mouse: Bool, readOnly: Bool, environment: [String: String]
    ) {
      self.backend = backend
      self.theme = theme
      self.mouse = mouse
      self.readOnly = readOnly
      self.environment = environment
    }
  }

  /// Runs the console until the user quits.
  ///
  /// - Throws: ``ThemeError`` for a theme that cannot be loaded, ``TerminalError`` when there
  ///   is no usable terminal.
  public static func run(_ options: Options) throws {
    let selection = try ThemeLocator.forCurrentProcess().load(requested: options.theme)
    let session = try TerminalSession.open(
      TerminalSession.Options(
        mouse: options.mouse, colorDisabled: selection.colorDisabled, environment: options.environment))
    defer { session.close() }
    let resolved = selection.theme.resolved(for: session.colorDepth)

    let mailbox = Mailbox()
    let gate = EngineGate()
    let runner = EffectRunner(backend: options.backend, gate: gate, mailbox: mailbox)
    let history = HistoryStore(dataDirectory: options.backend.location, environment: options.environment)
    let stop = Latch()
    var schedulerFinished: Latch?
    defer {
      runner.stop()
      stop.open()
      // The scheduler finishes a backup in progress before it sees the stop; wait for it.
      schedulerFinished?.wait()
    }

    var state = AppState(
      size: session.size, now: Int64(Date().timeIntervalSince1970), keymap: .standard, isReadOnly: options.readOnly,
      location: options.backend.location, engineVersion: options.backend.version,
      themeName: selection.theme.name, isMouseEnabled: options.mouse, capabilities: options.backend.capabilities)
    state.scheduler.isRunning = !options.readOnly
    state.console.history = history.load()

    if !options.readOnly {
      schedulerFinished = BackgroundScheduler.start(
        for: options.backend, stop: stop, willRun: { gate.enter() }, didRun: { gate.leave() })
    }
    for effect in AppReducer.initialEffects(state) { runner.start(effect) }

    var drawn: AppState?
    var lastTick: UInt64 = 0
    while !state.isQuitting {
      if drawn != state {
        session.flush(ScreenRenderer.render(state, size: state.size, theme: selection.theme), theme: resolved)
        drawn = state
      }
      var actions: [AppAction] = []
      // Until the collections arrive the loop looks for them every few milliseconds, so the
      // first useful frame is not held back by a whole key wait; then it waits up to 50 ms.
      if let key = session.readKey(timeoutMilliseconds: state.collections.isLoaded ? 50 : 5) {
        actions.append(.key(key))
        // Take keys typed ahead in the same turn, so held keys never lag behind.
        while actions.count < 64, let more = session.readKey(timeoutMilliseconds: 0) { actions.append(.key(more)) }
      }
      actions += mailbox.drain()
      let now = Int64(Date().timeIntervalSince1970)
      let instant = DispatchTime.now().uptimeNanoseconds
      // While long work runs, tick often enough to turn the spinner; otherwise once a second.
      let spinnerDue = state.activity != nil && instant - lastTick >= spinnerInterval
      if now != state.now || spinnerDue {
        actions.append(.tick(now: now))
        lastTick = instant
      }
      for action in actions {
        let (next, effects) = AppReducer.reduce(state, action)
        state = next
        for effect in effects {
          perform(
            effect, state: &state, session: session, runner: runner, history: history, mailbox: mailbox,
            environment: options.environment)
        }
      }
    }
  }

  /// Nanoseconds between two ticks while long work runs (the spinner's pace).
  private static let spinnerInterval: UInt64 = 100_000_000

  /// Starts an effect: terminal work here on the loop, engine work on the worker.
  private static func perform(
    _ effect: Effect, state: inout AppState, session: TerminalSession, runner: EffectRunner, history: HistoryStore,
    mailbox: Mailbox, environment: [String: String]
  ) {
    switch effect {
    case .copy(let text):
      session.copyToClipboard(text, insideTmux: environment["TMUX"] != nil)
    case .setMouse(let enabled):
      session.setMouse(enabled)
    case .saveHistory(let lines):
      history.save(lines)
    case .editPayload(let collection, let id, let payload):
      do {
        let edited = try EditorLauncher.edit(payload, environment: environment) { body in session.runOutside(body) }
        mailbox.post(.payloadEdited(collection: collection, id: id, old: payload, new: edited))
      } catch {
        mailbox.post(.failed(error.message))
      }
    default:
      runner.start(effect)
    }
  }
}
