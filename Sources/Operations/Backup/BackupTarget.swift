public import Model

/// What the backup runner needs from a store: take, verify and restore snapshot files.
public protocol BackupTarget: AnyObject {
  /// Takes a snapshot of one collection into `directory` (or the default folder).
  func createSnapshot(_ collection: String, in directory: String?) throws(StoreError) -> SnapshotDescription
  /// Takes a snapshot of every collection and the aliases into `directory` (or the default folder).
  func createFullSnapshot(in directory: String?) throws(StoreError) -> SnapshotDescription
  /// Reads a whole snapshot file and checks every checksum.
  func verifySnapshotFile(at path: String) throws(StoreError) -> SnapshotDescription
  /// Restores a snapshot file (one collection, or every collection of a full snapshot).
  func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) throws(StoreError) -> [CollectionInfo]
}
