import Operations
import Model

extension AppReducer {
  /// Routes a key to the open dialog, form or prompt, else to the view as a named action.
  static func handleKey(_ key: Key, _ state: inout AppState, _ effects: inout [Effect]) {
    switch key {
    case .resize(let size):
      state.size = size
      return
    case .mouse(let event):
      handleMouse(event, &state, &effects)
      return
    default: break
    }
    if state.dialog != nil {
      dialogKey(key, &state, &effects)
    } else if state.columnPicker != nil {
      pickerKey(key, &state)
    } else if state.payloadEditor != nil {
      editorKey(key, &state)
    } else if state.form != nil {
      formKey(key, &state, &effects)
    } else if state.prompt != nil {
      promptKey(key, &state, &effects)
    } else if let action = state.keymap.action(for: key, in: state.keyContext) {
      guard state.availableActions.contains(action) || state.keyContext == .json else { return }
      perform(action, &state, &effects)
    }
  }

  // MARK: Dialogs

  static func dialogKey(_ key: Key, _ state: inout AppState, _ effects: inout [Effect]) {
    guard var model = state.dialog else { return }
    let buttons = model.dialog.buttons.count
    switch state.keymap.action(for: key, in: .dialog) {
    case .submit:
      let pressed = model.state.focusedButton
      guard pressed != model.dialog.cancelButton else {
        state.dialog = nil
        return
      }
      guard model.dialog.isEnabled(pressed, state: model.state) else {
        state.message = StatusMessage(
          "type \(model.dialog.requiredText ?? "the name") to confirm", role: .statusWarning)
        return
      }
      state.dialog = nil
      if let act = model.act(for: pressed) { confirm(act, &state, &effects) }
      return
    case .cancel:
      state.dialog = nil
      return
    case .nextButton:
      model.state.focusedButton = (model.state.focusedButton + 1) % max(1, buttons)
    case .previousButton:
      model.state.focusedButton = (model.state.focusedButton + buttons - 1) % max(1, buttons)
    case .quit:
      state.isQuitting = true
      return
    default:
      guard model.dialog.requiredText != nil else { return }
      if let character = key.typedCharacter {
        model.state.field.insert(character)
      } else if key == .backspace {
        model.state.field.deleteBackward()
      }
      // Typing the name moves the focus to the action, so Enter confirms.
      if let guarded = model.dialog.guardedButton, model.dialog.isEnabled(guarded, state: model.state) {
        model.state.focusedButton = guarded
      } else {
        model.state.focusedButton = model.dialog.cancelButton
      }
    }
    state.dialog = model
  }

  /// Does what a confirmed dialog asked for.
  static func confirm(_ act: PendingAct, _ state: inout AppState, _ effects: inout [Effect]) {
    switch act {
    case .dropCollection(let name):
      state.activity = ActivityModel("dropping \(name)…", startedAt: state.now)
      effects.append(.dropCollection(name))
    case .deletePoint(let collection, let id):
      effects.append(.deletePoint(collection: collection, id: id))
    case .savePayload(let collection, let id, let payload):
      effects.append(.savePayload(collection: collection, id: id, payload: payload))
    case .deleteSnapshot(let collection, let name):
      effects.append(.deleteSnapshot(collection: collection, name: name))
    case .restoreSnapshot(let collection, let name, let target, let replace):
      state.activity = ActivityModel("restoring \(name)…", startedAt: state.now)
      effects.append(.restoreSnapshot(collection: collection, name: name, target: target, replace: replace))
    case .deleteSchedule(let name, let deletingBackups):
      state.activity = deletingBackups ? ActivityModel("deleting \(name) and its backups…", startedAt: state.now) : nil
      effects.append(.deleteSchedule(name, deletingBackups: deletingBackups))
    case .deleteBackup(let id):
      effects.append(.deleteBackup(id))
    case .restoreBackup(let id, let target, let replace):
      state.activity = ActivityModel("restoring backup \(id)…", startedAt: state.now)
      effects.append(.restoreBackup(id: id, target: target, replace: replace))
    }
  }

  // MARK: The column picker

  static func pickerKey(_ key: Key, _ state: inout AppState) {
    guard var picker = state.columnPicker else { return }
    let count = picker.keys.count
    switch state.keymap.action(for: key, in: .picker) {
    case .toggle: picker.toggleSelected()
    case .up: picker.selected = max(0, picker.selected - 1)
    case .down: picker.selected = min(max(0, count - 1), picker.selected + 1)
    case .top: picker.selected = 0
    case .bottom: picker.selected = max(0, count - 1)
    case .submit:
      state.payloadColumns[picker.collection] = picker.chosen
      state.columnPicker = nil
      state.message = StatusMessage(
        picker.chosen.isEmpty ? "no payload columns" : "columns: " + picker.chosen.joined(separator: ", "))
      return
    case .cancel:
      state.columnPicker = nil
      return
    case .quit:
      state.isQuitting = true
      return
    default: return
    }
    state.columnPicker = picker
  }

  // MARK: The inline payload editor

  /// Rows the editor shows (the body less its frame, the error and the key line).
  static func editorRows(_ state: AppState) -> Int { max(1, ChromeLayout(size: state.size).body.height - 4) }

  static func editorKey(_ key: Key, _ state: inout AppState) {
    guard var model = state.payloadEditor else { return }
    switch state.keymap.action(for: key, in: .editor) {
    case .save:
      switch model.parsed() {
      case .success(let payload):
        state.payloadEditor = nil
        // The same step as after $EDITOR: the diff, then a confirmation to save.
        var effects: [Effect] = []
        payloadEdited(collection: model.collection, id: model.id, old: model.original, new: payload, &state, &effects)
      case .failure(let problem):
        model.error = problem.message
        state.payloadEditor = model
      }
      return
    case .cancel:
      state.payloadEditor = nil
      state.message = StatusMessage("payload of \(model.id) not changed")
      return
    case .quit:
      state.isQuitting = true
      return
    case .newline: model.editor.insertNewline()
    case .cursorLeft: model.editor.moveLeft()
    case .cursorRight: model.editor.moveRight()
    case .up: model.editor.moveLines(by: -1)
    case .down: model.editor.moveLines(by: 1)
    case .cursorStart: model.editor.moveToLineStart()
    case .cursorEnd: model.editor.moveToLineEnd()
    case .deleteBackward: model.editor.deleteBackward()
    case .deleteForward: model.editor.deleteForward()
    default:
      if key == .tab {
        model.editor.insert(" ")
        model.editor.insert(" ")
      } else if let character = key.typedCharacter {
        model.editor.insert(character)
      } else {
        return
      }
    }
    model.error = nil
    model.editor.scroll(visibleLines: editorRows(state))
    state.payloadEditor = model
  }

  // MARK: Forms

  static func formKey(_ key: Key, _ state: inout AppState, _ effects: inout [Effect]) {
    guard var form = state.form else { return }
    let count = form.fields.count
    switch state.keymap.action(for: key, in: .textInput) {
    case .submit:
      switch FormCommand.command(for: form) {
      case .success(let command):
        state.form = nil
        state.activity = ActivityModel("\(form.title.lowercased())…", startedAt: state.now)
        state.console.append([ConsoleLine(":" + command, role: .commandLine)])
        effects.append(.runCommand(command))
      case .failure(let problem):
        form.error = problem.message
        state.form = form
      }
      return
    case .cancel:
      state.form = nil
      return
    case .quit:
      state.isQuitting = true
      return
    case .nextField: form.focused = (form.focused + 1) % max(1, count)
    case .previousField: form.focused = (form.focused + count - 1) % max(1, count)
    case .cursorLeft: form.fields[form.focused].state.moveCursor(by: -1)
    case .cursorRight: form.fields[form.focused].state.moveCursor(by: 1)
    case .cursorStart: form.fields[form.focused].state.moveToStart()
    case .cursorEnd: form.fields[form.focused].state.moveToEnd()
    case .deleteBackward: form.fields[form.focused].state.deleteBackward()
    case .deleteForward: form.fields[form.focused].state.deleteForward()
    default:
      if let character = key.typedCharacter { form.fields[form.focused].state.insert(character) }
    }
    form.error = nil
    state.form = form
  }

  // MARK: The prompt line

  static func promptKey(_ key: Key, _ state: inout AppState, _ effects: inout [Effect]) {
    guard var prompt = state.prompt else { return }
    switch state.keymap.action(for: key, in: .prompt) {
    case .submit:
      state.prompt = nil
      submitPrompt(prompt, &state, &effects)
      return
    case .cancel:
      state.prompt = nil
      if prompt.kind == .filter { clearFilter(&state, &effects) }
      return
    case .quit:
      state.isQuitting = true
      return
    case .historyPrevious where prompt.kind == .command:
      let history = state.console.history
      guard !history.isEmpty else { return }
      let index = max(0, (prompt.historyIndex ?? history.count) - 1)
      prompt.historyIndex = index
      prompt.field.replace(with: history[index])
    case .historyNext where prompt.kind == .command:
      let history = state.console.history
      guard let index = prompt.historyIndex else { return }
      if index + 1 < history.count {
        prompt.historyIndex = index + 1
        prompt.field.replace(with: history[index + 1])
      } else {
        prompt.historyIndex = nil
        prompt.field.replace(with: "")
      }
    case .complete:
      let completion = CommandCompleter.complete(
        prompt.field.text, isFilter: prompt.kind == .filter,
        collections: state.collections.infos.flatMap { [$0.name] + $0.aliases },
        payloadKeys: payloadKeys(state))
      prompt.field.replace(with: completion.text)
      prompt.candidates = completion.candidates
    case .cursorLeft: prompt.field.moveCursor(by: -1)
    case .cursorRight: prompt.field.moveCursor(by: 1)
    case .cursorStart: prompt.field.moveToStart()
    case .cursorEnd: prompt.field.moveToEnd()
    case .deleteBackward: prompt.field.deleteBackward()
    case .deleteForward: prompt.field.deleteForward()
    default:
      guard let character = key.typedCharacter else { return }
      prompt.field.insert(character)
      prompt.candidates = []
    }
    state.prompt = prompt
  }

  /// Payload keys known for the open collection: indexed fields and keys of loaded points.
  static func payloadKeys(_ state: AppState) -> [String] {
    guard let page = state.page else { return [] }
    var keys = page.info?.payloadSchema.map(\.field) ?? []
    for record in page.points.records {
      for key in record.payload?.keys ?? [] where !keys.contains(key) { keys.append(key) }
    }
    return keys
  }

  static func submitPrompt(_ prompt: PromptModel, _ state: inout AppState, _ effects: inout [Effect]) {
    let text = prompt.field.text.trimmingSpaces
    switch prompt.kind {
    case .command:
      guard !text.isEmpty else { return }
      if state.console.history.last != text {
        state.console.history.append(text)
        if state.console.history.count > ConsoleModel.historyLimit { state.console.history.removeFirst() }
      }
      state.console.append([ConsoleLine(":" + text, role: .commandLine)])
      state.console.isRunning = true
      state.activity = ActivityModel("running \(text)…", startedAt: state.now)
      if state.route != .console { state.stack.append(.console) }
      effects += [.saveHistory(state.console.history), .runCommand(text)]
    case .filter:
      applyFilter(text, &state, &effects, reopenWith: prompt)
    case .restoreAs(let snapshot):
      guard let page = state.page else { return }
      let target = text.isEmpty ? page.name : text
      let exists = state.collections.infos.contains { $0.name == target }
      if exists {
        state.dialog = DialogModel(
          .typedConfirmation(
            title: "Restore over \(target)?",
            message: "Replaces the live collection \(target) with snapshot \(snapshot). Its current points are lost.",
            name: target, action: "Restore"),
          act: .restoreSnapshot(collection: page.name, name: snapshot, target: target, replace: true))
      } else {
        state.dialog = DialogModel(
          .confirmation(
            title: "Restore snapshot?", message: "Restores \(snapshot) as the new collection \(target).",
            action: "Restore"),
          act: .restoreSnapshot(collection: page.name, name: snapshot, target: target, replace: false))
      }
    case .restoreBackupAs(let id):
      let record = state.backups.records.first { $0.id == id }
      let original = record?.collection
      let target = text.isEmpty ? nil : text
      let live = target ?? original
      if let live, state.collections.infos.contains(where: { $0.name == live }) {
        state.dialog = DialogModel(
          .typedConfirmation(
            title: "Restore over \(live)?",
            message: "Replaces the live collection \(live) with backup \(id). Its current points are lost.",
            name: live, action: "Restore"),
          act: .restoreBackup(id: id, target: target, replace: true))
      } else {
        state.dialog = DialogModel(
          .confirmation(
            title: "Restore backup \(id)?",
            message: "Restores backup \(id)" + (live.map { " as \($0)" } ?? "") + ".", action: "Restore"),
          act: .restoreBackup(id: id, target: target, replace: false))
      }
    case .backupScope:
      state.activity = ActivityModel("backing up \(text.isEmpty ? "every collection" : text)…", startedAt: state.now)
      effects.append(.backupNow(collection: text.isEmpty ? nil : text))
    }
  }

  /// Applies the `/` filter to the view shown; a malformed points filter keeps the prompt
  /// open with the error.
  static func applyFilter(
    _ text: String, _ state: inout AppState, _ effects: inout [Effect], reopenWith prompt: PromptModel
  ) {
    switch state.route {
    case .collection(let name):
      if !text.isEmpty {
        do {
          _ = try Filter.parse(text)
        } catch {
          state.prompt = prompt
          state.message = StatusMessage("filter: \(error.message) (column \(error.column))", role: .statusError)
          return
        }
      }
      state.page?.tab = .points
      state.page?.points.filterText = text
      state.page?.points.isLoading = true
      state.page?.points.total = nil
      effects.append(.loadPoints(collection: name, filter: text, offset: nil, append: false))
    default:
      state.collections.filter = text
      state.collections.table.select(0, rowCount: state.collections.visible.count)
      clampCollections(&state)
    }
  }

  static func clearFilter(_ state: inout AppState, _ effects: inout [Effect]) {
    switch state.route {
    case .collection(let name):
      guard let points = state.page?.points, !points.filterText.isEmpty || points.similarTo != nil else { return }
      // Esc leaves the similar list first (back to the filtered list), then the filter.
      let filter = points.similarTo == nil ? "" : points.filterText
      state.page?.points.filterText = filter
      state.page?.points.isLoading = true
      state.page?.points.total = nil
      effects.append(.loadPoints(collection: name, filter: filter, offset: nil, append: false))
    default:
      state.collections.filter = ""
      clampCollections(&state)
    }
  }
}

extension String {
  /// The string without spaces at either end.
  var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
