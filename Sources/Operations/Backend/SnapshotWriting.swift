public import Model

/// Taking, restoring and deleting snapshots.
public protocol SnapshotWriting: Backend {
  /// Takes a snapshot of a collection, into `directory` when given (an existing folder),
  /// else into the store's own snapshot folder for the collection.
  func createSnapshot(_ collection: String, in directory: String?) async throws(StoreError) -> SnapshotDescription
  /// Takes a full snapshot: every collection and the aliases, into `directory` when given.
  func createFullSnapshot(in directory: String?) async throws(StoreError) -> SnapshotDescription
  /// Restores a snapshot, into `target` when given; `replace` confirms overwriting.
  func restoreSnapshot(_ snapshot: String, collection: String, target: String?, replace: Bool) async throws(StoreError)
    -> CollectionInfo
  /// Restores a snapshot file of either kind: a collection snapshot into `target` (default:
  /// its own collection), a full snapshot into every collection it holds (`target` must be
  /// `nil`) with its aliases; `replace` confirms overwriting existing collections.
  func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) async throws(StoreError)
    -> [CollectionInfo]
  /// Deletes a snapshot.
  func deleteSnapshot(_ snapshot: String, collection: String) async throws(StoreError)
  /// Deletes a snapshot file of either kind and its sidecar.
  func deleteSnapshotFile(at path: String) async throws(StoreError)
  /// A fresh path inside the store's snapshot folder for a snapshot file that arrives from
  /// elsewhere (an upload); its folder exists when this returns. Restore the file with
  /// ``restoreSnapshotFile(at:as:replace:)``, then give it back with
  /// ``discardStagedSnapshot(at:)``.
  func stageSnapshotFile() async throws(StoreError) -> String
  /// Removes a file from ``stageSnapshotFile()`` (nothing when it is gone).
  func discardStagedSnapshot(at path: String) async
}

extension SnapshotWriting {
  /// Takes a snapshot of a collection into the store's own snapshot folder.
  public func createSnapshot(_ collection: String) async throws(StoreError) -> SnapshotDescription {
    try await createSnapshot(collection, in: nil)
  }
}
