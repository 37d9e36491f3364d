public import Model

/// A thing a backend can do, as the console and the commands ask about it.
///
/// Reading and writing halves are separate so a read-only backend keeps its reading
/// capabilities and loses every writing one (``Backend/capabilities``).
public enum BackendCapability: String, CaseIterable, Hashable, Sendable {
  /// List collections and aliases, read their info (``CollectionReading``).
  case readCollections
  /// Create and drop collections, aliases and payload indexes (``CollectionWriting``).
  case writeCollections
  /// Retrieve, count, scroll and search points (``PointReading``).
  case readPoints
  /// Upsert and delete points, change payloads (``PointWriting``).
  case writePoints
  /// List and verify snapshots (``SnapshotReading``).
  case readSnapshots
  /// Take, restore and delete snapshots (``SnapshotWriting``).
  case writeSnapshots
  /// Verify every checksum, measure index quality (``MaintenanceReading``).
  case readMaintenance
  /// Flush, optimize, set index threads, set a damaged log aside (``MaintenanceWriting``).
  case writeMaintenance
  /// List and verify backups and schedules (``BackupKeeping``).
  case readBackups
  /// Take, restore and delete backups, change schedules (``BackupKeeping``).
  case writeBackups

  /// Whether this capability changes the store (refused on a read-only backend).
  public var writes: Bool {
    switch self {
    case .writeCollections, .writePoints, .writeSnapshots, .writeMaintenance, .writeBackups: true
    case .readCollections, .readPoints, .readSnapshots, .readMaintenance, .readBackups: false
    }
  }

  /// Refuses this capability on the read-only store at `location` when it writes: the rule
  /// ``Backend/requireWritable(_:)`` applies, for callers that check before a store is opened.
  ///
  /// - Throws: ``StoreError`` `readOnly` naming the store and what was refused.
  public func permit(readOnly: Bool, at location: String) throws(StoreError) {
    if writes && readOnly {
      throw StoreError(.readOnly, "\(location) is open read-only (--read-only): cannot \(activity)")
    }
  }

  /// What the capability lets one do, for "this backend cannot …" sentences.
  public var activity: String {
    switch self {
    case .readCollections: "list collections"
    case .writeCollections: "create or drop collections, aliases or indexes"
    case .readPoints: "read or search points"
    case .writePoints: "change points"
    case .readSnapshots: "list or verify snapshots"
    case .writeSnapshots: "take, restore or delete snapshots"
    case .readMaintenance: "verify files or measure index quality"
    case .writeMaintenance: "flush, optimize or repair collections"
    case .readBackups: "list backups"
    case .writeBackups: "take, restore or delete backups or change schedules"
    }
  }
}
