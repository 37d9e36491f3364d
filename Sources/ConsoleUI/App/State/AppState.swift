import Model
import Operations

/// Everything the console shows, as one value: the reducer's input and output, and the only
/// input of rendering.
///
/// Nothing in it refers to the terminal or the engine; engine results arrive as
/// ``AppAction`` values and are copied in. Two equal states render the same frame, so the
/// loop redraws only when the state changed.
public struct AppState: Hashable {
  /// The terminal's size.
  public var size: Size
  /// The current time (Unix seconds), advanced by ticks; header and tables show times
  /// relative to it.
  public var now: Int64
  /// The effective keymap (without writing keys in read-only mode).
  public var keymap: Keymap
  /// Whether writing actions are hidden and refused.
  public var isReadOnly: Bool
  /// What the backend can do now (``Backend/capabilities``): screens hide tabs, pages and
  /// keys whose capability is missing, the way k9s hides verbs a resource lacks.
  public var capabilities: Set<BackendCapability>
  /// The data directory shown in the header.
  public var location: String
  /// The engine's version.
  public var engineVersion: String
  /// The theme's name, shown in help.
  public var themeName: String
  /// Whether mouse reporting is on.
  public var isMouseEnabled: Bool
  /// The view stack; the last entry is shown. Never empty.
  public var stack: [Route] = [.collections]
  /// The collections table.
  public var collections = CollectionsModel()
  /// The open collection's page.
  public var page: CollectionPageModel?
  /// The Backups page.
  public var backups = BackupsModel()
  /// The Console page.
  public var console = ConsoleModel()
  /// The background scheduler, for the header.
  public var scheduler = SchedulerSummary()
  /// The open prompt line.
  public var prompt: PromptModel?
  /// The open dialog.
  public var dialog: DialogModel?
  /// The open form.
  public var form: FormModel?
  /// The open inline payload editor.
  public var payloadEditor: PayloadEditorModel?
  /// The open payload column picker.
  public var columnPicker: ColumnPickerModel?
  /// The payload columns chosen per collection this session (absent: the first keys seen).
  public var payloadColumns: [String: [String]] = [:]
  /// The latest status message.
  public var message: StatusMessage?
  /// Long work under way, shown in the status row with a spinner and its elapsed time until
  /// its result arrives.
  public var activity: ActivityModel?
  /// First line shown by help.
  public var helpScroll = 0
  /// Set when the user asked to quit; the loop stops.
  public var isQuitting = false

  /// Creates the state of a console that has just opened.
  public init(
    size: Size, now: Int64, keymap: Keymap, isReadOnly: Bool, location: String,
    engineVersion: String, themeName: String, isMouseEnabled: Bool = false,
    capabilities: Set<BackendCapability>? = nil
  ) {
    self.size = size
    self.now = now
    self.keymap = isReadOnly ? keymap.readOnly() : keymap
    self.isReadOnly = isReadOnly
    // Without a backend to ask (tests of the reducer): everything, less the writing half
    // when read-only.
    self.capabilities = capabilities ?? Set(BackendCapability.allCases.filter { !($0.writes && isReadOnly) })
    self.location = location
    self.engineVersion = engineVersion
    self.themeName = themeName
    self.isMouseEnabled = isMouseEnabled
  }

  /// The payload keys shown as columns of `collection`'s points table: the chosen ones, else
  /// the first keys of the loaded points.
  public func payloadColumns(of collection: String) -> [String] {
    if let chosen = payloadColumns[collection] { return chosen }
    guard let page, page.name == collection else { return [] }
    return page.points.payloadColumns
  }

  /// The route shown.
  public var route: Route { stack.last ?? .collections }

  /// Where the keyboard focus is, which decides what keys mean.
  public var keyContext: KeyContext {
    if dialog != nil { return .dialog }
    if columnPicker != nil { return .picker }
    if payloadEditor != nil { return .editor }
    if form != nil { return .textInput }
    if prompt != nil { return .prompt }
    if case .collection = route, let page, page.tab == .points, page.points.isJSONFocused {
      return .json
    }
    return .list
  }

  /// The actions the current view responds to, so the footer offers only those.
  public var availableActions: Set<Action> {
    var actions: Set<Action> = [
      .quit, .back, .command, .help, .showCollections, .showBackups, .showConsole, .refresh,
      .up, .down, .top, .bottom, .pageUp, .pageDown, .toggleMouse,
    ]
    switch route {
    case .collections:
      actions.formUnion([
        .filter, .open, .describe, .create, .delete, .copy, .sortByColumn, .reverseSort, .left, .right,
      ])
    case .collection:
      actions.formUnion([.nextTab, .previousTab])
      switch page?.tab ?? .points {
      case .points:
        actions.formUnion([
          .filter, .describe, .edit, .similar, .delete, .copy, .toggleFold, .open, .chooseColumns, .editInline,
        ])
      case .info: break
      case .quality: actions.insert(.run)
      case .snapshots: actions.formUnion([.create, .verify, .restore, .delete, .copy])
      case .visualize: actions.formUnion([.colorBy, .copy])
      }
    case .backups:
      actions.formUnion([.nextTab, .previousTab, .create, .backupNow, .pause, .delete, .restore, .verify])
    case .console, .help:
      break
    }
    return actions.subtracting(isReadOnly ? Keymap.writingActions : []).filter { action in
      ConsoleCapabilities.needed(for: action, on: route, tab: page?.tab).map(capabilities.contains) ?? true
    }
  }

  /// The tabs of a collection's page this backend can fill, in order.
  public var visibleTabs: [CollectionTab] {
    CollectionTab.allCases.filter { capabilities.contains(ConsoleCapabilities.needed(for: $0)) }
  }
}

extension AppState: Sendable {}
