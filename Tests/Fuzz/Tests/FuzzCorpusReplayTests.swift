import Foundation
import Testing

/// Replays the committed fuzz inputs through the fuzz targets, as part of `swift test`.
///
/// Any crash, sanitizer-free trap or broken promise a fuzz run once found and that was fixed
/// has its input under `Regressions/`, so this suite fails if it comes back. It takes seconds;
/// long runs are `Tests/Fuzz/run --seconds N`.
struct FuzzCorpusReplayTests {
  @Test(arguments: FuzzTarget.all.map(\.name))
  func everySeedIsAValidInputOfItsTarget(name: String) throws {
    let target = try #require(FuzzTarget.named(name))
    let seeds = FuzzCorpus.files(.corpus, target: name)
    #expect(!seeds.isEmpty, "Tests/Fuzz/Corpus/\(name) has no seeds")
    let workspace = FuzzWorkspace()
    for seed in seeds {
      let outcome = target.run(try FuzzCorpus.bytes(of: seed), workspace)
      #expect(outcome == .accepted, "seed \(seed.lastPathComponent) is refused by \(name)")
    }
  }

  @Test(arguments: FuzzTarget.all.map(\.name))
  func everyCommittedInputRunsThroughTheTargetWithoutACrash(name: String) throws {
    let target = try #require(FuzzTarget.named(name))
    let files = FuzzCorpus.replayedFiles()
    #expect(files.count >= FuzzTarget.all.count, "the committed corpus is missing")
    guard target.openFinding == nil else { return }  // its own seeds run in the test above
    let workspace = FuzzWorkspace()
    for file in files {
      // Other targets' inputs are mostly refused; the check is that none crashes.
      _ = target.run(try FuzzCorpus.bytes(of: file), workspace)
    }
  }

  @Test(arguments: FuzzCorpus.Folder.allCases)
  func everyInputFolderIsNamedAfterATarget(folder: FuzzCorpus.Folder) {
    for name in FuzzCorpus.targetFolders(in: folder) {
      #expect(
        FuzzTarget.named(name) != nil, "Tests/Fuzz/\(folder.rawValue)/\(name) names no target")
    }
  }
}
