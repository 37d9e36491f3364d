import Operations
import Model

/// The console's logic: `reduce(state, action) -> (state, effects)`, a pure function.
///
/// Keys become named actions through the state's keymap (see ``AppState/keyContext``), and
/// the view shown decides what an action does. Engine work is never done here: the reducer
/// returns ``Effect`` values, and their results come back as actions. Tests drive it with
/// actions and check the state, with no terminal and no engine.
public enum AppReducer {
  /// What the console asks for as soon as it opens, of what the backend can do.
  public static func initialEffects(_ state: AppState) -> [Effect] {
    ConsoleCapabilities.possible([.loadCollections, .loadBackups, .loadEvents(after: 0)], with: state.capabilities)
  }

  /// Seconds between two reads of the shared backup event log.
  public static let eventPollInterval: Int64 = 2

  /// Applies `action` to `state`.
  ///
  /// - Returns: the new state and the work to start.
  /// - Complexity: O(n) in the rows of the view shown (filtering and sorting tables).
  public static func reduce(_ state: AppState, _ action: AppAction) -> (AppState, [Effect]) {
    var state = state
    var effects: [Effect] = []
    switch action {
    case .key(let key):
      handleKey(key, &state, &effects)
    case .tick(let now):
      let previous = state.now
      state.now = now
      state.activity?.ticks += 1
      if now / eventPollInterval != previous / eventPollInterval {
        effects.append(.loadEvents(after: state.backups.lastEventID))
      }
    case .collectionsLoaded(let infos):
      state.collections.infos = infos
      state.collections.isLoaded = true
      clampCollections(&state)
    case .collectionInfoLoaded(let info):
      if state.page?.name == info.name { state.page?.info = info }
    case .pointsLoaded(let collection, let page, let append, let total):
      guard var model = state.page?.points, state.page?.name == collection else { break }
      if append {
        model.records += page.points
      } else {
        model.records = page.points
        model.table = TableState()
        model.json = JSONTreeState()
      }
      model.scores = [:]
      model.similarTo = nil
      model.nextOffset = page.nextPageOffset
      if let total { model.total = total }
      model.isLoading = false
      model.isLoaded = true
      if model.records.isEmpty { model.table.selectedRow = nil }
      state.page?.points = model
    case .similarLoaded(let collection, let id, let hits):
      guard var model = state.page?.points, state.page?.name == collection else { break }
      model.records = hits.map { PointRecord(id: $0.id, payload: $0.payload, vector: nil) }
      model.scores = Dictionary(hits.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
      model.similarTo = id
      model.nextOffset = nil
      model.isLoading = false
      model.table = TableState(selectedRow: hits.isEmpty ? nil : 0)
      model.json = JSONTreeState()
      state.page?.points = model
      state.message = StatusMessage("\(hits.count) points most similar to \(id); Esc returns to the list")
    case .snapshotsLoaded(let collection, let snapshots):
      guard state.page?.name == collection else { break }
      state.page?.snapshots.snapshots = snapshots
      state.page?.snapshots.isLoaded = true
      let count = snapshots.count
      if let row = state.page?.snapshots.table.selectedRow, row >= count || count == 0 {
        state.page?.snapshots.table.select(row, rowCount: count)
      } else if state.page?.snapshots.table.selectedRow == nil, count > 0 {
        state.page?.snapshots.table.selectedRow = 0
      }
    case .snapshotVerified(let collection, let name, let ok, let message):
      state.activity = nil
      if state.page?.name == collection { state.page?.snapshots.verified[name] = ok }
      state.message = StatusMessage(message, role: ok ? .statusOK : .statusError)
    case .qualityProgress(let collection, let done, let total):
      if state.page?.name == collection { state.page?.quality.progress = (done, total) }
    case .qualityFinished(let collection, let report):
      state.activity = nil
      guard state.page?.name == collection else { break }
      state.page?.quality.progress = nil
      state.page?.quality.report = report
      state.message = StatusMessage(
        "recall@\(report.limit) \(Quantity.fixed(report.recallMean, 3)) over \(report.sample) queries", role: .statusOK)
    case .projectionLoaded(let collection, let points, let fields):
      guard state.page?.name == collection else { break }
      state.page?.visualize.points = points
      state.page?.visualize.fields = fields
      state.page?.visualize.fieldIndex = 0
      state.page?.visualize.selected = 0
      state.page?.visualize.isLoading = false
      state.page?.visualize.isLoaded = true
    case .backupsLoaded(let schedules, let records):
      state.backups.schedules = schedules
      state.backups.records = records
      state.backups.isLoaded = true
      clampBackups(&state)
      state.scheduler = summary(schedules: schedules, records: records, running: state.scheduler.isRunning)
    case .eventsLoaded(let events):
      let hadEvents = state.backups.lastEventID
      state.backups.append(events)
      if state.backups.lastEventID != hadEvents, hadEvents != 0 { effects.append(.loadBackups) }
    case .commandFinished(let command, let output, let errors, let succeeded):
      state.console.isRunning = false
      state.activity = nil
      state.console.append(output.map { ConsoleLine($0) } + errors.map { ConsoleLine($0, role: .statusError) })
      let last = (succeeded ? output.last { !$0.isEmpty } : errors.first { !$0.isEmpty }) ?? ""
      state.message = StatusMessage(
        succeeded ? "\(command): done" + (last.isEmpty ? "" : " · " + last) : last,
        role: succeeded ? .statusOK : .statusError)
      effects += reloadEffects(state)
    case .historyLoaded(let history):
      state.console.history = history
    case .payloadEdited(let collection, let id, let old, let new):
      payloadEdited(collection: collection, id: id, old: old, new: new, &state, &effects)
    case .succeeded(let text, let then):
      state.activity = nil
      state.message = StatusMessage(text, role: .statusOK)
      effects += then
    case .changed(let text):
      state.activity = nil
      state.message = StatusMessage(text, role: .statusOK)
      effects += reloadEffects(state)
    case .failed(let text, let then):
      state.activity = nil
      if state.page?.points.isLoading == true { state.page?.points.isLoading = false }
      if state.page?.visualize.isLoading == true { state.page?.visualize.isLoading = false }
      if state.page?.quality.isRunning == true { state.page?.quality.progress = nil }
      state.console.isRunning = false
      state.message = StatusMessage(text, role: .statusError)
      effects += then
    }
    return (state, ConsoleCapabilities.possible(effects, with: state.capabilities))
  }

  /// Shows an edited payload as a diff in a confirmation that saves it (or says nothing
  /// changed).
  static func payloadEdited(
    collection: String, id: PointID, old: JSONObject, new: JSONObject, _ state: inout AppState,
    _ effects: inout [Effect]
  ) {
    if old == new {
      state.message = StatusMessage("payload of \(id) unchanged")
      return
    }
    let diff = PayloadDiff.lines(old: old, new: new)
    state.dialog = DialogModel(
      .confirmation(title: "Save payload of \(id)?", message: diff.joined(separator: "\n"), action: "Save"),
      act: .savePayload(collection: collection, id: id, payload: new))
  }

  /// The header's scheduler line from the schedules and backups.
  static func summary(schedules: [ScheduleRow], records: [BackupRecord], running: Bool) -> SchedulerSummary {
    let next = schedules.filter { $0.nextSlot != nil }.min { ($0.nextSlot ?? 0) < ($1.nextSlot ?? 0) }
    let last = records.filter { $0.status != .skipped }.max { $0.startedAt < $1.startedAt }
    return SchedulerSummary(
      isRunning: running, nextName: next?.name, nextSlot: next?.nextSlot, lastStatus: last?.statusText,
      lastAt: last?.startedAt)
  }

  /// What to reload after something may have changed the store.
  static func reloadEffects(_ state: AppState) -> [Effect] {
    var effects: [Effect] = [.loadCollections, .loadBackups]
    if let page = state.page, case .collection = state.stack.last ?? .collections {
      effects.append(.loadCollectionInfo(page.name))
      switch page.tab {
      case .points where page.points.similarTo == nil:
        effects.append(.loadPoints(collection: page.name, filter: page.points.filterText, offset: nil, append: false))
      case .snapshots: effects.append(.loadSnapshots(page.name))
      default: break
      }
    }
    return effects
  }

  static func clampCollections(_ state: inout AppState) {
    let count = state.collections.visible.count
    if count == 0 {
      state.collections.table.selectedRow = nil
    } else {
      state.collections.table.select(state.collections.table.selectedRow ?? 0, rowCount: count)
    }
  }

  static func clampBackups(_ state: inout AppState) {
    let schedules = state.backups.schedules.count
    let records = state.backups.records.count
    state.backups.scheduleTable.select(state.backups.scheduleTable.selectedRow ?? 0, rowCount: schedules)
    state.backups.backupTable.select(state.backups.backupTable.selectedRow ?? 0, rowCount: records)
  }
}
