public import Model

/// What a confirmation dialog does when its action button is pressed.
public enum PendingAct: Hashable {
  /// Drop a collection and its aliases.
  case dropCollection(String)
  /// Delete one point.
  case deletePoint(collection: String, id: PointID)
  /// Replace a point's payload with an edited one.
  case savePayload(collection: String, id: PointID, payload: JSONObject)
  /// Delete a snapshot file.
  case deleteSnapshot(collection: String, name: String)
  /// Restore a snapshot, into `target` (replacing it when `replace`).
  case restoreSnapshot(collection: String, name: String, target: String, replace: Bool)
  /// Delete a schedule; its backups' files too when `deletingBackups`.
  case deleteSchedule(String, deletingBackups: Bool)
  /// Delete a backup's files.
  case deleteBackup(Int64)
  /// Restore a backup, under `target` when given.
  case restoreBackup(id: Int64, target: String?, replace: Bool)
}

extension PendingAct: Sendable {}
