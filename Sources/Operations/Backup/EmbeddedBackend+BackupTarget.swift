public import VectorEngine

// TEMPORARY until the full-snapshot engine API lands.
extension EmbeddedBackend: BackupTarget {
  public func createSnapshot(_ collection: String, in directory: String?) throws(EngineError) -> SnapshotDescription {
    try database.createSnapshot(of: collection, in: directory)
  }

  public func createFullSnapshot(in directory: String?) throws(EngineError) -> SnapshotDescription {
    throw EngineError(.invalidInput, "full snapshots are not available yet")
  }

  public func verifySnapshotFile(at path: String) throws(EngineError) -> SnapshotDescription {
    try database.verifySnapshot(path, of: "unused")
  }

  public func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) throws(EngineError) -> [CollectionInfo] {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let collection = String(name.dropLast("-YYYY-MM-DD-HH-MM-SS.snapshot".count))
    return [try database.restoreSnapshot(path, of: collection, as: target, replace: replace)]
  }
}
