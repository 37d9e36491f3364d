public import Model

/// The seam: every caller reaches a capability through these accessors, never by casting.
///
/// A capability the backend lacks is refused with `unsupported`; a writing capability of a
/// read-only backend is refused with `readOnly` here, once, before any call reaches the
/// backend (``requireWritable(_:)`` is the only check). ``capabilities`` says in advance what
/// the accessors will grant, for screens that hide what they cannot offer.
extension Backend {
  /// What this backend can do now: what it implements, without the writing half when it is
  /// read-only.
  ///
  /// - Complexity: O(number of capabilities).
  public var capabilities: Set<BackendCapability> {
    Set(BackendCapability.allCases.filter { implements($0) && !($0.writes && isReadOnly) })
  }

  /// Reading collections, aliases and configuration.
  public func collectionReader() throws(StoreError) -> any CollectionReading {
    try granted(.readCollections, self as? any CollectionReading)
  }

  /// Creating and dropping collections, aliases and indexes; refused when read-only.
  public func collectionWriter() throws(StoreError) -> any CollectionWriting {
    try granted(.writeCollections, self as? any CollectionWriting)
  }

  /// Reading and searching points.
  public func pointReader() throws(StoreError) -> any PointReading {
    try granted(.readPoints, self as? any PointReading)
  }

  /// Changing points and payloads; refused when read-only.
  public func pointWriter() throws(StoreError) -> any PointWriting {
    try granted(.writePoints, self as? any PointWriting)
  }

  /// Listing and verifying snapshots.
  public func snapshotReader() throws(StoreError) -> any SnapshotReading {
    try granted(.readSnapshots, self as? any SnapshotReading)
  }

  /// Taking, restoring and deleting snapshots; refused when read-only.
  public func snapshotWriter() throws(StoreError) -> any SnapshotWriting {
    try granted(.writeSnapshots, self as? any SnapshotWriting)
  }

  /// Checksums and index quality.
  public func maintenanceReader() throws(StoreError) -> any MaintenanceReading {
    try granted(.readMaintenance, self as? any MaintenanceReading)
  }

  /// Flush, optimize, index threads and log repair; refused when read-only.
  public func maintenanceWriter() throws(StoreError) -> any MaintenanceWriting {
    try granted(.writeMaintenance, self as? any MaintenanceWriting)
  }

  /// The store's backups, for reading (listing, verifying).
  public func backupReader() throws(StoreError) -> any BackupKeeping {
    try granted(.readBackups, self as? any BackupKeeping)
  }

  /// The store's backups, for changing them (taking, restoring, deleting, schedules);
  /// refused when read-only.
  public func backupWriter() throws(StoreError) -> any BackupKeeping {
    try granted(.writeBackups, self as? any BackupKeeping)
  }

  /// Refuses `capability` when this backend is read-only and it writes. The one place
  /// `--read-only` is enforced.
  ///
  /// - Throws: ``StoreError`` `readOnly` naming what was refused.
  public func requireWritable(_ capability: BackendCapability) throws(StoreError) {
    try capability.permit(readOnly: isReadOnly, at: location)
  }

  private func granted<C>(_ capability: BackendCapability, _ implementation: C?) throws(StoreError) -> C {
    guard let implementation else {
      throw StoreError(.unsupported, "this backend (\(location)) cannot \(capability.activity)")
    }
    try requireWritable(capability)
    return implementation
  }

  private func implements(_ capability: BackendCapability) -> Bool {
    switch capability {
    case .readCollections: self is any CollectionReading
    case .writeCollections: self is any CollectionWriting
    case .readPoints: self is any PointReading
    case .writePoints: self is any PointWriting
    case .readSnapshots: self is any SnapshotReading
    case .writeSnapshots: self is any SnapshotWriting
    case .readMaintenance: self is any MaintenanceReading
    case .writeMaintenance: self is any MaintenanceWriting
    case .readBackups, .writeBackups: self is any BackupKeeping
    }
  }
}
