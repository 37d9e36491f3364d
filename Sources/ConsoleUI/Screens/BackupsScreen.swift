import Model
import Operations

/// The Backups page: schedules, backups (Restore, Delete, Verify) and the live event log.
enum BackupsScreen {
  /// Draws the page in `area`.
  static func render(_ state: AppState, into surface: inout Surface, area: Rect) {
    let model = state.backups
    let parts = panels(state, in: area)
    let schedulesFocused = model.focus == .schedules
    let tables = tableAreas(state, in: area)
    Frame(
      title: "Schedules (\(model.schedules.count)) · n new · p pause · b backup now",
      role: schedulesFocused ? .borderFocused : .border
    )
    .render(into: &surface, area: parts.schedules)
    schedulesTable(state, focused: schedulesFocused).render(into: &surface, area: tables.schedules)
    Frame(
      title: "Backups (\(model.records.count)) · r restore · v verify · Ctrl-D delete",
      role: schedulesFocused ? .border : .borderFocused
    )
    .render(into: &surface, area: parts.backups)
    backupsTable(state, focused: !schedulesFocused).render(into: &surface, area: tables.backups)
    let eventsInner = Frame(title: "Events").render(into: &surface, area: parts.events)
    let shown = model.events.suffix(eventsInner.height)
    for (row, event) in shown.enumerated() {
      let x = surface.write(
        UTCText.minute(event.at) + " ", at: Point(x: eventsInner.x + 1, y: eventsInner.y + row), style: Style(.muted))
      let text = (event.schedule.map { "\($0): " } ?? "") + event.message
      let role: ThemeRole =
        text.contains("FAILED") || text.contains("failed")
        ? .statusError : (text.contains("succeeded") ? .statusOK : .text)
      surface.write(text, at: Point(x: x, y: eventsInner.y + row), style: Style(role), maxWidth: eventsInner.maxX - x)
    }
    if shown.isEmpty {
      surface.write("no events yet", at: Point(x: eventsInner.x + 1, y: eventsInner.y), style: Style(.muted))
    }
  }

  /// The frames of the schedules, the backups and the events when the page has `area`.
  static func panels(_ state: AppState, in area: Rect) -> (schedules: Rect, backups: Rect, events: Rect) {
    let scheduleRows = min(max(4, state.backups.schedules.count + 3), max(4, area.height / 3))
    let eventRows = area.height >= 24 ? 8 : 5
    let parts = Layout.vertical([.fixed(scheduleRows), .fill, .fixed(eventRows)], in: area)
    return (parts[0], parts[1], parts[2])
  }

  /// Where the schedules and the backups tables are drawn when the page has `area`.
  static func tableAreas(_ state: AppState, in area: Rect) -> (schedules: Rect, backups: Rect) {
    let parts = panels(state, in: area)
    return (
      Frame.innerArea(of: parts.schedules).inset(left: 1, right: 1),
      Frame.innerArea(of: parts.backups).inset(left: 1, right: 1)
    )
  }

  static func schedulesTable(_ state: AppState, focused: Bool) -> TableView {
    let rows = state.backups.schedules.map { row -> [String] in
      [
        row.name, row.frequency, row.scope, row.retentionDays.map { "\($0) days" } ?? "forever",
        row.paused
          ? "paused"
          : (row.nextSlot.map { UTCText.minute($0) + " (" + Quantity.relative($0, now: state.now) + ")" } ?? "-"),
        row.lastAt.map(UTCText.minute) ?? "never", row.lastStatus ?? "-",
      ]
    }
    let statuses = state.backups.schedules.map { $0.lastStatus ?? "" }
    return TableView(
      columns: [
        TableColumn("NAME", width: .fit(minimum: 4, maximum: 20)),
        TableColumn("FREQUENCY", width: .fit(minimum: 9, maximum: 28)),
        TableColumn("SCOPE", width: .fit(minimum: 5, maximum: 20)),
        TableColumn("RETENTION", width: .fit(minimum: 9, maximum: 10)),
        TableColumn("NEXT RUN (UTC)", width: .fit(minimum: 8, maximum: 30)),
        TableColumn("LAST RUN", width: .fit(minimum: 8, maximum: 16)),
        TableColumn("STATUS", width: .fit(minimum: 6, maximum: 24)),
      ],
      rows: rows, state: state.backups.scheduleTable, isFocused: focused,
      emptyMessage: state.backups.isLoaded ? "no schedule: n adds one" : "loading…",
      cellRole: { row, column in
        guard column == 6, statuses.indices.contains(row) else { return nil }
        return role(statuses[row])
      })
  }

  static func backupsTable(_ state: AppState, focused: Bool) -> TableView {
    let retention = Dictionary(
      state.backups.schedules.map { ($0.name, $0.retentionDays) }, uniquingKeysWith: { first, _ in first })
    let rows = state.backups.records.map { record -> [String] in
      let expires: String
      if record.deletedAt != nil {
        expires = "deleted"
      } else if record.status != .succeeded || record.trigger == .manual {
        expires = record.status == .succeeded ? "never (manual)" : "-"
      } else {
        let days = record.scheduleName.flatMap { retention[$0] } ?? nil
        expires = RetentionPolicy.expiry(of: record, retentionDays: days).map(UTCText.minute) ?? "never"
      }
      return [
        "\(record.id)", record.scheduleName ?? "-", record.collection ?? "all", record.trigger.title, record.statusText,
        UTCText.minute(record.startedAt), Quantity.duration(milliseconds: record.durationMilliseconds),
        record.size.map { Quantity.bytes(Int($0)) } ?? "-", expires,
      ]
    }
    let statuses = state.backups.records.map(\.statusText)
    return TableView(
      columns: [
        TableColumn("ID", width: .fit(minimum: 2, maximum: 6), alignment: .right),
        TableColumn("SCHEDULE", width: .fit(minimum: 8, maximum: 16)),
        TableColumn("SCOPE", width: .fit(minimum: 5, maximum: 18)),
        TableColumn("TRIGGER", width: .fit(minimum: 7, maximum: 10)),
        TableColumn("STATUS", width: .fit(minimum: 6, maximum: 30)),
        TableColumn("CREATED (UTC)", width: .fit(minimum: 16, maximum: 16)),
        TableColumn("DURATION", width: .fit(minimum: 8, maximum: 9), alignment: .right),
        TableColumn("SIZE", width: .fit(minimum: 4, maximum: 10), alignment: .right),
        TableColumn("EXPIRES", width: .fit(minimum: 7, maximum: 16)),
      ],
      rows: rows, state: state.backups.backupTable, isFocused: focused,
      emptyMessage: state.backups.isLoaded ? "no backups yet: b takes one now" : "loading…",
      cellRole: { row, column in
        guard column == 4, statuses.indices.contains(row) else { return nil }
        return role(statuses[row])
      })
  }

  /// The role of a status word.
  static func role(_ status: String) -> ThemeRole? {
    if status.hasPrefix("SUCCEEDED") { return .statusOK }
    if status.hasPrefix("FAILED") { return .statusError }
    if status.hasPrefix("SKIPPED") || status.hasPrefix("RUNNING") { return .statusWarning }
    return nil
  }
}
