@testable import VectorEngine

/// Deletion files (`seg-<id>.del-<generation>`): opened with a fixture segment whose row count
/// is the one the file declares (at most ``FuzzFixtures/maximumSegmentRows``), then every
/// row's deleted flag read.
enum DeletionFileFuzzTarget {
  /// Runs `input` as it is, then with its checksum repaired.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let outcome = exercise(input, in: workspace)
    let repaired = ChecksumRepair.deletionFile(input)
    if repaired != input { _ = exercise(repaired, in: workspace) }
    return outcome
  }

  private static func exercise(_ file: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let declared = FuzzBytes.uint64(file, at: 8) ?? 0
    let rows = Int(min(declared, UInt64(FuzzFixtures.maximumSegmentRows)))
    let folder = FuzzFixtures.segmentFolder(rows: rows, in: workspace)
    let generation = workspace.nextNumber()
    let path = folder + "/" + SegmentFormat.deletionFileName(segment: 1, generation: generation)
    FuzzWorkspace.write(file, to: path)
    defer { try? System.removeFile(path) }
    guard
      let segment = try? SealedSegment(
        id: 1, directory: folder, expectedDimension: FuzzFixtures.segmentDimension,
        populate: false, deletionGeneration: generation)
    else { return .rejected }
    var deleted = 0
    for row in 0..<segment.count where segment.isDeleted(row) { deleted += 1 }
    _ = segment.liveCount
    _ = deleted
    return .accepted
  }
}
