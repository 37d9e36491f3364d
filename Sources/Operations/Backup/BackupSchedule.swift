/// A backup schedule: when to take backups, of what, where, and how long to keep them.
public struct BackupSchedule: Hashable, Sendable {
  /// The catalog's id.
  public var id: Int64
  /// The operator's name for it (unique).
  public var name: String
  /// When it fires.
  public var spec: ScheduleSpec
  /// The collection it backs up; `nil` backs up every collection and the aliases.
  public var collection: String?
  /// Days a verified backup is kept; `nil` keeps backups forever.
  public var retentionDays: Int?
  /// The newest verified backups kept whatever their age (at least 1).
  public var minimumKeep: Int
  /// How late after its slot a run may still start (seconds).
  public var deadline: Int64
  /// Where its backups go; `nil` is `<data>/backups`.
  public var backupDirectory: String?
  /// Whether it is paused.
  public var paused: Bool
  /// When it was created (Unix seconds).
  public var createdAt: Int64
  /// The latest slot already decided (run or skipped); slots up to it never run again.
  public var evaluatedThrough: Int64

  /// Creates a schedule value.
  public init(
    id: Int64 = 0, name: String, spec: ScheduleSpec, collection: String?, retentionDays: Int?, minimumKeep: Int,
    deadline: Int64, backupDirectory: String?, paused: Bool = false, createdAt: Int64, evaluatedThrough: Int64
  ) {
    self.id = id
    self.name = name
    self.spec = spec
    self.collection = collection
    self.retentionDays = retentionDays
    self.minimumKeep = minimumKeep
    self.deadline = deadline
    self.backupDirectory = backupDirectory
    self.paused = paused
    self.createdAt = createdAt
    self.evaluatedThrough = evaluatedThrough
  }

  /// `7 days (min 2)` or `forever`.
  public var retentionText: String {
    guard let retentionDays else { return "forever" }
    return "\(retentionDays) day\(retentionDays == 1 ? "" : "s") (min \(minimumKeep))"
  }

  /// `all` or the collection's name.
  public var scopeText: String { collection ?? "all" }
}
