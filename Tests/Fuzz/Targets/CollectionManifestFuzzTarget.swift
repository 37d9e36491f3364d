@testable import VectorEngine

/// Collection manifests (`MANIFEST`): read and validated, re-encoded, then the collection they
/// describe opened read-only (segments they name are missing, so most opens stop there; one
/// naming none opens and is read).
enum CollectionManifestFuzzTarget {
  /// Runs `input` as it is, then with its length and checksum repaired.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, in: workspace)
    let repaired = ChecksumRepair.headedBody(input, headerSize: 16, lengthAt: 8, crcAt: 12)
    if repaired != input { _ = exercise(repaired, in: workspace) }
    return outcome
  }

  private static func exercise(_ file: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    workspace.withFreshFolder { folder in
      FuzzWorkspace.write(file, to: folder + "/" + CollectionManifest.fileName)
      guard let manifest = try? CollectionManifest.read(from: folder) else { return .rejected }
      _ = manifest.referencedFiles
      _ = manifest.encoded
      CollectionProbe.openAndExercise(directory: folder)
      return .accepted
    }
  }
}
