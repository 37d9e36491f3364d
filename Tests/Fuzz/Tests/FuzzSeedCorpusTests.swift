import Foundation
import Testing

/// Records the seed corpus (``FuzzSeedCorpus``) on request.
///
/// Run `RAGOPS_RECORD_FUZZ_CORPUS=1 swift test --filter FuzzSeedCorpusTests`, then review and
/// commit `Tests/Fuzz/Corpus/`. Each target's folder is replaced.
struct FuzzSeedCorpusTests {
  @Test(.enabled(if: FuzzCorpus.isRecording))
  func recordSeedCorpus() throws {
    let scratch = FuzzWorkspace()
    var corpus = FuzzSeedCorpus(scratch: scratch.root)
    try corpus.make()
    let targets = Set(corpus.seeds.map(\.target))
    #expect(targets == Set(FuzzTarget.all.map(\.name)), "some target got no seed")
    let manager = FileManager.default
    for target in targets {
      let folder = FuzzCorpus.folder(.corpus, target: target)
      try? manager.removeItem(at: folder)
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    for seed in corpus.seeds {
      let file = FuzzCorpus.folder(.corpus, target: seed.target).appendingPathComponent(seed.name)
      try Data(seed.bytes).write(to: file)
    }
  }
}
