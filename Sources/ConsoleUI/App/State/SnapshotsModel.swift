public import Model

/// The Snapshots tab: the collection's snapshot files and what verifying them found.
public struct SnapshotsModel: Hashable {
  /// The snapshots, newest first.
  public var snapshots: [SnapshotDescription] = []
  /// Whether a first listing has arrived.
  public var isLoaded = false
  /// Verification results this session, by snapshot name: `true` when every checksum matched.
  public var verified: [String: Bool] = [:]
  /// Selection and scroll.
  public var table = TableState()

  /// Creates an empty model.
  public init() {}

  /// The selected snapshot, if any.
  public var selected: SnapshotDescription? {
    guard let row = table.selectedRow, snapshots.indices.contains(row) else { return nil }
    return snapshots[row]
  }
}

extension SnapshotsModel: Sendable {}
