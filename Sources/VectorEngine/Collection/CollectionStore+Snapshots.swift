import Model

extension CollectionStore {
  /// The state a snapshot copies: the manifest's bytes and the immutable files it names.
  struct SnapshotCut {
    var manifest: [UInt8]
    var files: [String]
  }

  /// Makes the current state a consistent cut and pins its files.
  ///
  /// The appendable segment is sealed, so every acknowledged write is in a segment file and
  /// the WAL holds nothing the cut needs; writers wait only for that seal (the caller holds the
  /// collection's lock). The named files are immutable and stay on disk until ``unpin(_:)``.
  ///
  /// - Complexity: one seal.
  func freezeForSnapshot() throws(StoreError) -> SnapshotCut {
    try seal()
    let files = manifest.referencedFiles.subtracting([CollectionManifest.fileName]).sorted()
    pinnedFiles.formUnion(files)
    return SnapshotCut(manifest: manifest.encoded, files: files)
  }

  /// Releases files pinned by ``freezeForSnapshot()``.
  func unpin(_ files: [String]) {
    pinnedFiles.subtract(files)
  }
}
