import Model
import Operations

/// The parts around every view: header, menu, breadcrumbs, status row and footer.
enum Chrome {
  /// The header: `ragops 0.5.0 │ /data/demo │ 3 collections │ scheduler: next nightly …`.
  static func renderHeader(_ state: AppState, into surface: inout Surface, area: Rect) {
    surface.fill(area, style: Style(.header))
    func line(_ scheduler: String, location: String = state.location) -> String {
      var parts = [
        "ragops \(state.engineVersion)", location,
        state.collections.isLoaded ? "\(state.collections.infos.count) collections" : "loading…",
        "scheduler: " + scheduler,
      ]
      if state.isReadOnly { parts.append("READ-ONLY") }
      return " " + parts.joined(separator: " │ ")
    }
    // A narrow terminal gets the short scheduler state rather than a cut-off word.
    var text = line(schedulerText(state))
    if DisplayWidth.of(text) > area.width { text = line(shortSchedulerText(state)) }
    let excess = DisplayWidth.of(text) - area.width
    if excess > 0 {
      // Then the data directory gives up its start: `…/ragops/data`.
      let kept = max(0, state.location.count - excess - 1)
      text = line(shortSchedulerText(state), location: "…" + String(state.location.suffix(kept)))
    }
    surface.write(text, at: area.origin, style: Style(.header), maxWidth: area.width)
  }

  /// The scheduler's state in as few columns as it takes: `next 02:00 UTC · last ✓`.
  static func shortSchedulerText(_ state: AppState) -> String {
    let scheduler = state.scheduler
    guard scheduler.isRunning else { return state.isReadOnly ? "off (read-only)" : "off" }
    var words: [String] = []
    if let slot = scheduler.nextSlot {
      words.append("next \(UTCText.minute(slot).split(separator: " ").last ?? "") UTC")
    } else {
      words.append("none due")
    }
    if let status = scheduler.lastStatus {
      let mark = status.hasPrefix("SUCCEEDED") ? "✓" : (status.hasPrefix("FAILED") ? "✗" : status.lowercased())
      words.append("last \(mark)")
    }
    return words.joined(separator: " · ")
  }

  /// The scheduler's state in a few words.
  static func schedulerText(_ state: AppState) -> String {
    let scheduler = state.scheduler
    guard scheduler.isRunning else { return state.isReadOnly ? "off (read-only)" : "off" }
    var words: [String] = []
    if let name = scheduler.nextName, let slot = scheduler.nextSlot {
      words.append("next \(name) \(UTCText.minute(slot)) UTC (\(Quantity.relative(slot, now: state.now)))")
    } else {
      words.append("no schedule due")
    }
    if let status = scheduler.lastStatus, let at = scheduler.lastAt {
      words.append("last \(status) \(Quantity.relative(at, now: state.now))")
    }
    return words.joined(separator: " · ")
  }

  /// The menu, the current section highlighted, with the mouse state at the right.
  static func renderMenu(_ state: AppState, into surface: inout Surface, area: Rect) {
    TabBar(titles: ChromeLayout.menuTitles, selected: state.route.section.rawValue, spacing: 1)
      .render(into: &surface, area: area)
    if state.isMouseEnabled {
      let text = "mouse on "
      surface.write(text, at: Point(x: area.maxX - DisplayWidth.of(text), y: area.y), style: Style(.muted))
    }
  }

  /// The breadcrumbs of the view stack (a collection's page adds its tab).
  static func crumbs(_ state: AppState) -> [String] {
    var crumbs: [String] = []
    for route in state.stack {
      switch route {
      case .collection(let name):
        if crumbs.last != "Collections" { crumbs.append("Collections") }
        crumbs.append(name)
        if route == state.route, let tab = state.page?.tab { crumbs.append(tab.title) }
      default: crumbs.append(route.title)
      }
    }
    return crumbs
  }

  /// The prompt when one is open, else long work under way, else the latest message.
  static func renderStatus(_ state: AppState, into surface: inout Surface, area: Rect) {
    if let prompt = state.prompt {
      let x = surface.write(
        prompt.label, at: area.origin, style: Style(prompt.kind == .filter ? .filter : .commandLine))
      TextField(state: prompt.field, placeholder: placeholder(prompt), isFocused: true)
        .render(into: &surface, area: Rect(x: x, y: area.y, width: area.maxX - x, height: 1))
      return
    }
    if let activity = state.activity {
      surface.write(
        activity.statusText(now: state.now), at: Point(x: area.x + 1, y: area.y), style: Style(.statusInfo),
        maxWidth: area.width - 1)
      return
    }
    if let message = state.message {
      surface.write(
        message.text, at: Point(x: area.x + 1, y: area.y), style: Style(message.role), maxWidth: area.width - 1)
    }
  }

  private static func placeholder(_ prompt: PromptModel) -> String {
    switch prompt.kind {
    case .command: "a command, e.g. points scroll docs --limit 5 (Tab completes, ↑ history)"
    case .filter: "tenant:acme year>=2020 !lang:de, or JSON {\"must\": […]}"
    default: ""
    }
  }

  /// Key hints for where the focus is, generated from the keymap; completions instead while
  /// the prompt offers several.
  static func renderFooter(_ state: AppState, into surface: inout Surface, area: Rect) {
    if let candidates = state.prompt?.candidates, !candidates.isEmpty {
      surface.fill(area, style: Style(.footer))
      surface.write(
        " " + candidates.joined(separator: "  "), at: area.origin, style: Style(.keyHintText), maxWidth: area.width)
      return
    }
    let context = state.keyContext
    let available = state.availableActions
    let hints = state.keymap.footerHints(for: context).filter { hint in
      switch context {
      case .list: available.contains(hint.action)
      case .picker: [.toggle, .submit, .cancel].contains(hint.action)
      default: true
      }
    }
    FooterHints(hints).render(into: &surface, area: area)
  }
}
