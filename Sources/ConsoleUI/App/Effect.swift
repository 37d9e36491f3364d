public import Model

/// Work the reducer asks for; it runs off the loop and answers with ``AppAction`` values.
///
/// Engine and backup work runs on the worker thread (one at a time, under the lock the
/// background scheduler shares); terminal work (copy, editor, mouse, quit) runs on the loop.
public enum Effect: Hashable, Sendable {
  /// List the collections.
  case loadCollections
  /// Load one collection's info.
  case loadCollectionInfo(String)
  /// Load a page of points matching `filter` (text form or JSON; empty for none).
  case loadPoints(collection: String, filter: String, offset: PointID?, append: Bool)
  /// Find the points most similar to `id`, within `filter`.
  case findSimilar(collection: String, id: PointID, filter: String)
  /// Delete one point.
  case deletePoint(collection: String, id: PointID)
  /// Replace a point's payload.
  case savePayload(collection: String, id: PointID, payload: JSONObject)
  /// Open the payload in `$EDITOR` (runs on the loop: the terminal is handed over).
  case editPayload(collection: String, id: PointID, payload: JSONObject)
  /// Put text on the clipboard through the terminal (OSC 52).
  case copy(String)
  /// List a collection's snapshots.
  case loadSnapshots(String)
  /// Take a snapshot.
  case createSnapshot(String)
  /// Verify a snapshot.
  case verifySnapshot(collection: String, name: String)
  /// Restore a snapshot into `target`.
  case restoreSnapshot(collection: String, name: String, target: String, replace: Bool)
  /// Delete a snapshot.
  case deleteSnapshot(collection: String, name: String)
  /// Drop a collection.
  case dropCollection(String)
  /// Run a line of the operator language, as `--batch` would.
  case runCommand(String)
  /// Measure recall and latency of the index.
  case measureQuality(collection: String, sample: Int, limit: Int)
  /// Sample and project a collection's vectors.
  case loadProjection(String)
  /// List schedules and backups.
  case loadBackups
  /// Read events of the shared backup log after an id.
  case loadEvents(after: Int64)
  /// Take a manual backup of one collection, or of all.
  case backupNow(collection: String?)
  /// Pause (`true`) or resume a schedule.
  case pauseSchedule(String, pause: Bool)
  /// Delete a schedule; its backups' files too when `deletingBackups`.
  case deleteSchedule(String, deletingBackups: Bool)
  /// Delete a backup's files.
  case deleteBackup(Int64)
  /// Verify a backup's archive.
  case verifyBackup(Int64)
  /// Restore a backup.
  case restoreBackup(id: Int64, target: String?, replace: Bool)
  /// Save the command history.
  case saveHistory([String])
  /// Switch mouse reporting.
  case setMouse(Bool)
}
