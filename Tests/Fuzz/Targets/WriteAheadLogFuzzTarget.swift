@testable import VectorEngine

/// A collection's write-ahead log, recovered, replayed and repaired.
///
/// Recovery alone (`WriteAheadLog.recover`), then replay into a collection opened read-only and
/// read back, then a writable open (which truncates a torn tail), close and reopen. The log is
/// `wal-…1.log` of an empty collection with ``FuzzFixtures/indexedManifest`` (dimension 4, cosine),
/// which starts the log at record 1.
enum WriteAheadLogFuzzTarget {
  /// Runs `input` as it is, then with its header and record checksums repaired.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, in: workspace)
    let repaired = ChecksumRepair.writeAheadLog(input)
    if repaired != input { _ = exercise(repaired, in: workspace) }
    return outcome
  }

  private static func exercise(_ log: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    workspace.withFreshFolder { folder in
      FuzzWorkspace.write(
        FuzzFixtures.indexedManifest, to: folder + "/" + CollectionManifest.fileName)
      FuzzWorkspace.write(log, to: folder + "/" + WriteAheadLog.fileName(startingAt: 1))
      guard (try? WriteAheadLog.recover(directory: folder, from: 1, repair: false)) != nil else {
        return .rejected
      }
      CollectionProbe.openAndExercise(directory: folder)
      if CollectionProbe.openAndExercise(directory: folder, readOnly: false) {
        CollectionProbe.openAndExercise(directory: folder)
      }
      return .accepted
    }
  }
}
