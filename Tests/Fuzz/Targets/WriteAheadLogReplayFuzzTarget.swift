@testable import VectorEngine

/// WAL replay of hostile contents in well-formed records.
///
/// The input describes operations (``FuzzOperationDecoder``), the engine's log writer writes them
/// as the log of an empty collection with ``FuzzFixtures/indexedManifest`` (dimension 4, cosine,
/// four payload indexes), and the collection is opened read-only and read, then opened for writing,
/// sealed (which writes a segment and its indexes from what was replayed), closed, reopened and
/// read again. It models a log that passes every checksum, as one inside a crafted snapshot does.
enum WriteAheadLogReplayFuzzTarget {
  /// Runs `input` as a description of logged operations.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    var decoder = FuzzOperationDecoder(input)
    let operations = decoder.operations()
    return workspace.withFreshFolder { folder in
      FuzzWorkspace.write(
        FuzzFixtures.indexedManifest, to: folder + "/" + CollectionManifest.fileName)
      do {
        guard let log = try WriteAheadLog.recover(directory: folder, from: 1, repair: true, allowMissing: true).log
        else { fatalError("fuzz harness: recovery opened no log") }
        if !operations.isEmpty { _ = try log.append(operations) }
      } catch {
        fatalError("fuzz harness: cannot write the log: \(error)")
      }
      guard CollectionProbe.openAndExercise(directory: folder) else { return .rejected }
      if let store = try? CollectionStore(name: "fuzz", directory: folder, readOnly: false) {
        let collection = VectorCollection(store: store)
        CollectionProbe.exercise(collection)
        _ = try? collection.flush()
        _ = try? collection.close()
      }
      CollectionProbe.openAndExercise(directory: folder)
      return .accepted
    }
  }
}
