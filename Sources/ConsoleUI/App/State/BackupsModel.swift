import Model
public import Operations

/// The Backups page: schedules, backups and the scheduler's event log.
public struct BackupsModel: Hashable {
  /// Which table has the focus.
  public enum Focus: Hashable, Sendable {
    /// The schedules table.
    case schedules
    /// The backups table.
    case backups
  }

  /// The schedules.
  public var schedules: [ScheduleRow] = []
  /// The backups, newest first.
  public var records: [BackupRecord] = []
  /// The latest events of the shared log, oldest first.
  public var events: [BackupEvent] = []
  /// Whether a first listing has arrived.
  public var isLoaded = false
  /// The focused table.
  public var focus: Focus = .schedules
  /// Selection in the schedules table.
  public var scheduleTable = TableState()
  /// Selection in the backups table.
  public var backupTable = TableState()

  /// Creates an empty model.
  public init() {}

  /// Events kept for display.
  public static let eventLimit = 50

  /// The selected schedule, if any.
  public var selectedSchedule: ScheduleRow? {
    guard let row = scheduleTable.selectedRow, schedules.indices.contains(row) else { return nil }
    return schedules[row]
  }

  /// The selected backup, if any.
  public var selectedBackup: BackupRecord? {
    guard let row = backupTable.selectedRow, records.indices.contains(row) else { return nil }
    return records[row]
  }

  /// The id of the newest event seen, to ask for what came after it.
  public var lastEventID: Int64 { events.last?.id ?? 0 }

  /// Adds events that arrived, keeping the latest ``eventLimit``.
  public mutating func append(_ new: [BackupEvent]) {
    let fresh = new.filter { $0.id > lastEventID }
    events = Array((events + fresh).suffix(Self.eventLimit))
  }
}

extension BackupsModel: Sendable {}
