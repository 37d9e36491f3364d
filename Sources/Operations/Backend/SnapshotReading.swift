public import Model

/// Listing and verifying snapshots.
public protocol SnapshotReading: Backend {
  /// The store's own snapshot folder: full snapshots at its top, a folder per collection below
  /// it. Recoveries from a `file://` location must point inside it; uploads are staged in it.
  var snapshotsDirectory: String { get }
  /// A collection's snapshots in the store's own folder, newest first.
  func snapshots(_ collection: String) async throws(StoreError) -> [SnapshotDescription]
  /// The full snapshots in the store's own folder, newest first.
  func fullSnapshots() async throws(StoreError) -> [SnapshotDescription]
  /// Verifies a snapshot (a name of the collection's, or a file path).
  func verifySnapshot(_ snapshot: String, collection: String) async throws(StoreError) -> SnapshotDescription
  /// Verifies a snapshot file of either kind, reading all of it.
  func verifySnapshotFile(at path: String) async throws(StoreError) -> SnapshotDescription
}
