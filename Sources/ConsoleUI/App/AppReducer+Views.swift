import Operations
import Model

extension AppReducer {
  /// Rows a page key moves in the view shown.
  static func pageRows(_ state: AppState) -> Int { max(1, ChromeLayout(size: state.size).body.height - 4) }

  /// Does what a named action means in the view shown.
  static func perform(_ action: Action, _ state: inout AppState, _ effects: inout [Effect]) {
    switch action {
    case .quit:
      state.isQuitting = true
      return
    case .command:
      state.prompt = PromptModel(kind: .command)
      return
    case .filter:
      let current: String
      if case .collection = state.route {
        current = state.page?.points.filterText ?? ""
      } else {
        current = state.collections.filter
      }
      state.prompt = PromptModel(kind: .filter, text: current)
      return
    case .help:
      if state.route != .help {
        state.helpScroll = 0
        state.stack.append(.help)
      }
      return
    case .showCollections:
      state.stack = [.collections]
      effects.append(.loadCollections)
      return
    case .showBackups:
      state.stack = [.backups]
      effects.append(.loadBackups)
      return
    case .showConsole:
      state.stack = [.console]
      return
    case .toggleMouse:
      state.isMouseEnabled.toggle()
      state.message = StatusMessage("mouse \(state.isMouseEnabled ? "on (Shift-drag selects text)" : "off")")
      effects.append(.setMouse(state.isMouseEnabled))
      return
    case .refresh:
      effects += reloadEffects(state)
      if case .collection(let name) = state.route, state.page?.tab == .visualize {
        state.page?.visualize.isLoading = true
        effects.append(.loadProjection(name))
      }
      return
    case .back:
      back(&state, &effects)
      return
    default: break
    }
    switch state.route {
    case .collections: collectionsAction(action, &state, &effects)
    case .collection(let name): collectionAction(action, name: name, &state, &effects)
    case .backups: backupsAction(action, &state, &effects)
    case .console:
      scroll(&state.console.scrollBack, action, inverted: true, page: pageRows(state), count: state.console.lines.count)
    case .help: scroll(&state.helpScroll, action, inverted: false, page: pageRows(state), count: 200)
    }
  }

  /// Moves a plain scroll position for up/down/page keys.
  static func scroll(_ position: inout Int, _ action: Action, inverted: Bool, page: Int, count: Int) {
    let sign = inverted ? -1 : 1
    switch action {
    case .up: position -= sign
    case .down: position += sign
    case .pageUp: position -= sign * page
    case .pageDown: position += sign * page
    case .top: position = inverted ? count : 0
    case .bottom: position = inverted ? 0 : count
    default: return
    }
    position = min(max(0, position), max(0, count))
  }

  /// Moves a table's selection for the movement actions; returns whether it was one.
  @discardableResult
  static func move(_ table: inout TableState, _ action: Action, count: Int, page: Int) -> Bool {
    switch action {
    case .up: table.moveSelection(by: -1, rowCount: count)
    case .down: table.moveSelection(by: 1, rowCount: count)
    case .pageUp: table.moveSelection(by: -page, rowCount: count)
    case .pageDown: table.moveSelection(by: page, rowCount: count)
    case .top: table.select(0, rowCount: count)
    case .bottom: table.select(count - 1, rowCount: count)
    default: return false
    }
    return true
  }

  static func back(_ state: inout AppState, _ effects: inout [Effect]) {
    state.message = nil
    switch state.route {
    case .collections where !state.collections.filter.isEmpty:
      clearFilter(&state, &effects)
      return
    case .collection:
      if state.page?.points.isJSONFocused == true {
        state.page?.points.isJSONFocused = false
        return
      }
      if let points = state.page?.points, state.page?.tab == .points,
        !points.filterText.isEmpty || points.similarTo != nil
      {
        clearFilter(&state, &effects)
        return
      }
    default: break
    }
    if state.stack.count > 1 {
      let left = state.stack.removeLast()
      if case .collection = left, !state.stack.contains(where: { if case .collection = $0 { true } else { false } }) {
        state.page = nil
      }
    }
  }

  // MARK: Collections

  static func collectionsAction(_ action: Action, _ state: inout AppState, _ effects: inout [Effect]) {
    let rows = state.collections.visible
    if move(&state.collections.table, action, count: rows.count, page: pageRows(state)) { return }
    let selected = state.collections.selected
    switch action {
    case .open, .describe:
      guard let selected else { return }
      open(selected.name, tab: action == .describe ? .info : .points, &state, &effects)
    case .create:
      state.form = .createCollection()
    case .delete:
      guard let selected else { return }
      state.dialog = DialogModel(
        .typedConfirmation(
          title: "Drop collection \(selected.name)?",
          message:
            "Deletes \(Quantity.count(selected.pointsCount)) points, the index and the aliases of \(selected.name). Snapshots stay. This cannot be undone.",
          name: selected.name, action: "Drop"),
        act: .dropCollection(selected.name))
    case .copy:
      guard let selected else { return }
      effects.append(.copy(selected.name))
      state.message = StatusMessage("copied \(selected.name)")
    case .sortByColumn:
      let current = state.collections.table.sort?.column ?? -1
      state.collections.table.sort = TableSort(column: (current + 1) % CollectionsModel.columnTitles.count)
    case .reverseSort:
      var sort = state.collections.table.sort ?? TableSort(column: 0)
      sort.ascending.toggle()
      state.collections.table.sort = sort
    case .left: state.collections.table.horizontalOffset = max(0, state.collections.table.horizontalOffset - 8)
    case .right: state.collections.table.horizontalOffset += 8
    default: break
    }
  }

  /// Opens a collection's page on `tab`.
  static func open(_ name: String, tab: CollectionTab, _ state: inout AppState, _ effects: inout [Effect]) {
    var page = CollectionPageModel(name: name)
    page.tab = tab
    page.info = state.collections.infos.first { $0.name == name }
    page.points.isLoading = true
    state.page = page
    state.stack.append(.collection(name))
    effects += [
      .loadCollectionInfo(name), .loadPoints(collection: name, filter: "", offset: nil, append: false),
    ]
  }

  // MARK: A collection's page

  static func collectionAction(_ action: Action, name: String, _ state: inout AppState, _ effects: inout [Effect]) {
    guard var page = state.page else { return }
    defer { state.page = page }
    switch action {
    case .nextTab, .previousTab:
      // Only the tabs this backend can fill take part.
      let tabs = state.visibleTabs
      guard !tabs.isEmpty else { return }
      let current = tabs.firstIndex(of: page.tab) ?? 0
      let next = (current + (action == .nextTab ? 1 : tabs.count - 1)) % tabs.count
      show(tabs[next], &page, &effects)
      return
    default: break
    }
    let rows = pageRows(state)
    switch page.tab {
    case .points: pointsAction(action, &page, &state, &effects, rows: rows)
    case .info: scroll(&page.infoScroll, action, inverted: false, page: rows, count: 200)
    case .quality:
      guard action == .run, !page.quality.isRunning else { return }
      page.quality.progress = (0, page.quality.sample)
      state.activity = ActivityModel("measuring search quality…", startedAt: state.now)
      effects.append(.measureQuality(collection: name, sample: page.quality.sample, limit: page.quality.limit))
    case .snapshots: snapshotsAction(action, &page, &state, &effects, rows: rows)
    case .visualize: visualizeAction(action, &page, &state, &effects)
    }
  }

  /// Shows `tab` of a collection's page, loading what it shows the first time.
  static func show(_ tab: CollectionTab, _ page: inout CollectionPageModel, _ effects: inout [Effect]) {
    page.tab = tab
    page.points.isJSONFocused = false
    switch tab {
    case .snapshots where !page.snapshots.isLoaded: effects.append(.loadSnapshots(page.name))
    case .visualize where !page.visualize.isLoaded && !page.visualize.isLoading:
      page.visualize.isLoading = true
      effects.append(.loadProjection(page.name))
    default: break
    }
  }

  static func pointsAction(
    _ action: Action, _ page: inout CollectionPageModel, _ state: inout AppState, _ effects: inout [Effect], rows: Int
  ) {
    let name = page.name
    var points = page.points
    defer { page.points = points }
    if points.isJSONFocused, let record = points.selected {
      let value = JSONValue.object(record.payload ?? JSONObject())
      let count = JSONTreeView.lines(for: value, folded: points.json.folded).count
      switch action {
      case .up: points.json.moveSelection(by: -1, lineCount: count)
      case .down: points.json.moveSelection(by: 1, lineCount: count)
      case .pageUp: points.json.moveSelection(by: -rows, lineCount: count)
      case .pageDown: points.json.moveSelection(by: rows, lineCount: count)
      case .top: points.json.selectedLine = 0
      case .bottom: points.json.selectedLine = max(0, count - 1)
      case .toggleFold, .open: points.json.toggleFold(in: value)
      case .describe: points.isJSONFocused = false
      default: break
      }
      return
    }
    if action == .chooseColumns {
      state.columnPicker = ColumnPickerModel(
        collection: name, keys: payloadKeys(state), chosen: state.payloadColumns(of: name))
      return
    }
    let before = points.table.selectedRow
    if move(&points.table, action, count: points.records.count, page: rows) {
      if points.table.selectedRow != before { points.json = JSONTreeState() }
      // Reaching the last loaded row pages on with the scroll cursor ("load more").
      let atEnd = (points.table.selectedRow ?? 0) >= points.records.count - 1
      if atEnd, let next = points.nextOffset, !points.isLoading, points.similarTo == nil,
        action == .down || action == .pageDown || action == .bottom
      {
        points.isLoading = true
        effects.append(.loadPoints(collection: name, filter: points.filterText, offset: next, append: true))
      }
      return
    }
    guard let record = points.selected else { return }
    switch action {
    case .describe, .open:
      points.isJSONFocused = true
    case .edit:
      effects.append(.editPayload(collection: name, id: record.id, payload: record.payload ?? JSONObject()))
    case .editInline:
      state.payloadEditor = PayloadEditorModel(collection: name, id: record.id, payload: record.payload ?? JSONObject())
    case .similar:
      points.isLoading = true
      effects.append(.findSimilar(collection: name, id: record.id, filter: points.filterText))
    case .delete:
      state.dialog = DialogModel(
        .confirmation(
          title: "Delete point \(record.id)?",
          message: "The point and its payload are deleted from \(name). This cannot be undone.", action: "Delete"),
        act: .deletePoint(collection: name, id: record.id))
    case .copy:
      effects.append(.copy(record.id.description))
      state.message = StatusMessage("copied id \(record.id)")
    default: break
    }
  }

  static func snapshotsAction(
    _ action: Action, _ page: inout CollectionPageModel, _ state: inout AppState, _ effects: inout [Effect], rows: Int
  ) {
    if move(&page.snapshots.table, action, count: page.snapshots.snapshots.count, page: rows) { return }
    if action == .create {
      state.activity = ActivityModel("taking a snapshot of \(page.name)…", startedAt: state.now)
      effects.append(.createSnapshot(page.name))
      return
    }
    guard let snapshot = page.snapshots.selected else { return }
    switch action {
    case .verify:
      state.activity = ActivityModel("verifying \(snapshot.name)…", startedAt: state.now)
      effects.append(.verifySnapshot(collection: page.name, name: snapshot.name))
    case .restore:
      state.prompt = PromptModel(kind: .restoreAs(snapshot: snapshot.name), text: page.name)
    case .delete:
      state.dialog = DialogModel(
        .typedConfirmation(
          title: "Delete snapshot?",
          message: "Deletes \(snapshot.name) (\(Quantity.bytes(snapshot.size))). This cannot be undone.",
          name: snapshot.name, action: "Delete"),
        act: .deleteSnapshot(collection: page.name, name: snapshot.name))
    case .copy:
      effects.append(.copy(snapshot.name))
      state.message = StatusMessage("copied \(snapshot.name)")
    default: break
    }
  }

  static func visualizeAction(
    _ action: Action, _ page: inout CollectionPageModel, _ state: inout AppState, _ effects: inout [Effect]
  ) {
    var model = page.visualize
    defer { page.visualize = model }
    switch action {
    case .colorBy:
      guard !model.fields.isEmpty else { return }
      model.fieldIndex = (model.fieldIndex + 1) % model.fields.count
      state.message = StatusMessage("coloured by \(model.field ?? "-")")
    case .up: model.selected = Projection.nearest(in: model.points, from: model.selected, towards: (0, 1))
    case .down: model.selected = Projection.nearest(in: model.points, from: model.selected, towards: (0, -1))
    case .left: model.selected = Projection.nearest(in: model.points, from: model.selected, towards: (-1, 0))
    case .right: model.selected = Projection.nearest(in: model.points, from: model.selected, towards: (1, 0))
    case .pageDown, .bottom: model.selected = min(max(0, model.points.count - 1), model.selected + 1)
    case .pageUp, .top: model.selected = max(0, model.selected - 1)
    case .copy:
      guard model.points.indices.contains(model.selected) else { return }
      let id = model.points[model.selected].id
      effects.append(.copy(id.description))
      state.message = StatusMessage("copied id \(id)")
    default: break
    }
  }

  // MARK: Backups

  static func backupsAction(_ action: Action, _ state: inout AppState, _ effects: inout [Effect]) {
    let rows = max(1, pageRows(state) / 3)
    switch action {
    case .nextTab, .previousTab:
      state.backups.focus = state.backups.focus == .schedules ? .backups : .schedules
      return
    case .create:
      let scope = state.collections.infos.first?.name ?? "all"
      state.form = .schedule(scope: scope)
      return
    case .backupNow:
      let scope = state.backups.selectedSchedule.map { $0.scope == "all" ? "" : $0.scope } ?? ""
      state.prompt = PromptModel(kind: .backupScope, text: scope)
      return
    default: break
    }
    switch state.backups.focus {
    case .schedules:
      if move(&state.backups.scheduleTable, action, count: state.backups.schedules.count, page: rows) { return }
      guard let schedule = state.backups.selectedSchedule else { return }
      switch action {
      case .pause:
        effects.append(.pauseSchedule(schedule.name, pause: !schedule.paused))
      case .delete:
        state.dialog = scheduleDeletion(schedule.name, backups: state.backups.records)
      case .open, .describe:
        state.backups.focus = .backups
      default: break
      }
    case .backups:
      if move(&state.backups.backupTable, action, count: state.backups.records.count, page: rows) { return }
      guard let record = state.backups.selectedBackup else { return }
      switch action {
      case .verify:
        state.activity = ActivityModel("verifying backup \(record.id)…", startedAt: state.now)
        effects.append(.verifyBackup(record.id))
      case .restore:
        state.prompt = PromptModel(kind: .restoreBackupAs(id: record.id))
      case .delete:
        state.dialog = DialogModel(
          .typedConfirmation(
            title: "Delete backup \(record.id)?",
            message:
              "Deletes the archive of backup \(record.id) (\(record.size.map { Quantity.bytes(Int($0)) } ?? "no file")). This cannot be undone.",
            name: "\(record.id)", action: "Delete"),
          act: .deleteBackup(record.id))
      default: break
      }
    }
  }

  /// The dialog for deleting a schedule: Cancel, Delete (its backups are kept), or Delete with
  /// its backups, which stays disabled until the schedule's name is typed.
  static func scheduleDeletion(_ name: String, backups: [BackupRecord]) -> DialogModel {
    let kept = backups.filter { $0.scheduleName == name && $0.deletedAt == nil && $0.status == .succeeded }.count
    let dialog = Dialog(
      title: "Delete schedule \(name)?",
      message:
        "The schedule stops. Delete keeps its \(kept) backups. Delete with backups also deletes their archives, which cannot be undone: type the name for that.",
      buttons: ["Cancel", "Delete", "Delete with backups"], cancelButton: 0, requiredText: name, guardedButton: 2)
    return DialogModel(
      dialog, act: .deleteSchedule(name, deletingBackups: true),
      otherActs: [1: .deleteSchedule(name, deletingBackups: false)])
  }
}
