public import Operations
public import Model

/// Something that happened: a key, a tick, a resize, or a result of engine work.
///
/// The loop feeds actions to ``AppReducer/reduce(_:_:)``; engine work (an ``Effect``) runs off
/// the loop and comes back as one of the `…Loaded`/`…Finished` actions.
public enum AppAction: Sendable {
  /// A key, mouse event or resize from the terminal.
  case key(Key)
  /// The clock advanced: the loop ticks when the second changes, and about ten times a
  /// second while long work runs (each tick turns the spinner).
  case tick(now: Int64)
  /// The collections were listed.
  case collectionsLoaded([CollectionInfo])
  /// One collection's info arrived.
  case collectionInfoLoaded(CollectionInfo)
  /// A page of points arrived; `append` adds it below what is shown.
  case pointsLoaded(collection: String, page: ScrollPage, append: Bool, total: Int?)
  /// The points most similar to `id` arrived.
  case similarLoaded(collection: String, id: PointID, hits: [ScoredPoint])
  /// The snapshot list arrived.
  case snapshotsLoaded(collection: String, snapshots: [SnapshotDescription])
  /// A snapshot was verified (`ok`) or found damaged.
  case snapshotVerified(collection: String, name: String, ok: Bool, message: String)
  /// A quality measurement advanced.
  case qualityProgress(collection: String, done: Int, total: Int)
  /// A quality measurement finished.
  case qualityFinished(collection: String, report: QualityReport)
  /// A projection of a sample arrived.
  case projectionLoaded(collection: String, points: [ProjectedPoint], fields: [String])
  /// Schedules and backups were listed.
  case backupsLoaded(schedules: [ScheduleRow], records: [BackupRecord])
  /// New events of the shared backup log.
  case eventsLoaded([BackupEvent])
  /// A `:` command finished; its output and error lines.
  case commandFinished(command: String, output: [String], errors: [String], succeeded: Bool)
  /// The history was read at start.
  case historyLoaded([String])
  /// A payload came back from the editor.
  case payloadEdited(collection: String, id: PointID, old: JSONObject, new: JSONObject)
  /// Work succeeded: say so, then run `then` (reloads).
  case succeeded(String, then: [Effect])
  /// Work changed the store: say so, then reload what the view shows.
  case changed(String)
  /// Work failed: say why, then run `then`.
  case failed(String, then: [Effect] = [])
}
