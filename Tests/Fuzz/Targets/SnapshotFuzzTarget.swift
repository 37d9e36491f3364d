@testable import VectorEngine

/// Snapshot archives: listing (`readManifest`), verifying and extracting (`extractContents`,
/// which runs `check` first), then opening what was extracted as restore would.
enum SnapshotFuzzTarget {
  /// The archive's file name (a valid snapshot name).
  static let archiveName = "docs-2024-01-02-03-04-05.snapshot"

  /// Runs `input` as it is, then repaired (checksums, digests and a matching sidecar).
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, sidecar: false, in: workspace)
    let repaired = SnapshotArchiveRepair.repair(input)
    _ = exercise(repaired, sidecar: true, in: workspace)
    return outcome
  }

  private static func exercise(_ archive: [UInt8], sidecar: Bool, in workspace: FuzzWorkspace)
    -> FuzzOutcome
  {
    workspace.withFreshFolder { folder in
      let path = folder + "/" + archiveName
      FuzzWorkspace.write(archive, to: path)
      if sidecar {
        FuzzWorkspace.write(
          SnapshotArchiveRepair.sidecar(for: archive, name: archiveName),
          to: path + SnapshotArchive.sidecarSuffix)
      }
      _ = try? SnapshotArchive.readManifest(path: path)
      let target = folder + "/extracted"
      guard let contents = try? SnapshotArchive.extractContents(path: path, into: target) else {
        return .rejected
      }
      switch contents.manifest.kind {
      case .collection:
        CollectionProbe.openAndExercise(directory: target)
      case .full:
        if let database = try? Database(directory: target, readOnly: true) {
          for name in (try? database.collectionNames()) ?? [] {
            if let collection = try? database.collection(name) {
              CollectionProbe.exercise(collection)
            }
          }
          for (alias, _) in (try? database.aliases()) ?? [] { _ = try? database.collection(alias).count() }
          try? database.close()
        }
      }
      return .accepted
    }
  }
}
