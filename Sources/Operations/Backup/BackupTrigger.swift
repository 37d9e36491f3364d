/// What started a backup.
public enum BackupTrigger: String, Hashable, Sendable, CaseIterable {
  /// A schedule's slot, on time.
  case scheduled
  /// A schedule's missed slot, run late within its deadline after downtime.
  case catchUp = "catch-up"
  /// "Backup now".
  case manual

  /// `Scheduled`, `Catch-up`, `Manual`.
  public var title: String {
    switch self {
    case .scheduled: "Scheduled"
    case .catchUp: "Catch-up"
    case .manual: "Manual"
    }
  }
}
