@testable import Operations

/// One fuzz target: bytes in, the code under test exercised, and never a crash, whatever the
/// bytes.
///
/// The same targets run under libFuzzer (`Tests/Fuzz/run`, binary `ragops-fuzz`, chosen with
/// `RAGOPS_FUZZ_TARGET`) and in `swift test`, which replays the committed corpora
/// (`Tests/Fuzz/Corpus/<name>/`) and regression inputs (`Tests/Fuzz/Regressions/<name>/`).
/// A target reports a broken promise of the code under test (two readings that should agree
/// and do not) with a precondition failure, which libFuzzer records like any crash.
struct FuzzTarget: Sendable {
  /// The name used by the run script, `RAGOPS_FUZZ_TARGET` and the corpus folders.
  let name: String
  /// What the target feeds its input to.
  let summary: String
  /// Runs the code under test on the input, using the workspace for any files.
  let run: @Sendable (_ input: [UInt8], _ workspace: FuzzWorkspace) -> FuzzOutcome
  /// An open finding that most inputs reach, until its fix lands; `nil` otherwise.
  ///
  /// While it is set, `swift test` runs only the target's own seeds through it, not every
  /// committed input (which would crash the test process); `Tests/Fuzz/run` still runs the
  /// target and reports the finding. Its reproducers are in `Tests/Fuzz/Pending/<name>/`.
  var openFinding: String?

  /// Every target, in the order the run script runs them.
  static let all: [FuzzTarget] = [
    FuzzTarget(
      name: "snapshot", summary: "snapshot archives: list, verify, extract, open",
      run: SnapshotFuzzTarget.run),
    FuzzTarget(
      name: "wal", summary: "write-ahead log: recover, replay into a collection, repair",
      run: WriteAheadLogFuzzTarget.run),
    FuzzTarget(
      name: "wal-replay", summary: "hostile operations in well-formed log records: replay, seal",
      run: WriteAheadLogReplayFuzzTarget.run),
    FuzzTarget(
      name: "segment", summary: "sealed segment files: open, read every row, build a graph",
      run: SegmentFuzzTarget.run),
    FuzzTarget(
      name: "payload-index", summary: "payload index files (.idx): read, answer conditions",
      run: PayloadIndexFuzzTarget.run),
    FuzzTarget(
      name: "hnsw", summary: "HNSW graph files (.hnsw): load next to a segment, search",
      run: GraphFuzzTarget.run),
    FuzzTarget(
      name: "deletions", summary: "deletion files (.del-N): open with a segment",
      run: DeletionFileFuzzTarget.run),
    FuzzTarget(
      name: "manifest", summary: "collection MANIFEST: read, open the collection",
      run: CollectionManifestFuzzTarget.run),
    FuzzTarget(
      name: "aliases", summary: "aliases.json: open a data directory, resolve, rewrite",
      run: AliasesFuzzTarget.run),
    FuzzTarget(
      name: "json", summary: "JSON reader and writer round trip", run: JSONFuzzTarget.run),
    FuzzTarget(
      name: "jsonl", summary: "JSON Lines point files, several buffer sizes",
      run: { input, workspace in PointFileFuzzTarget.run(input, format: .jsonl, in: workspace) }),
    FuzzTarget(
      name: "fvecs", summary: "fvecs point files, several buffer sizes",
      run: { input, workspace in PointFileFuzzTarget.run(input, format: .fvecs, in: workspace) }),
    FuzzTarget(
      name: "filter-text", summary: "filter text form, JSON and text round trips",
      run: FilterTextFuzzTarget.run),
    FuzzTarget(
      name: "filter-json", summary: "Qdrant JSON filters, JSON and text round trips",
      run: FilterJSONFuzzTarget.run),
    FuzzTarget(
      name: "script", summary: "batch scripts: whole and streamed, columns and carets",
      run: ScriptFuzzTarget.run),
    FuzzTarget(
      name: "theme", summary: "theme files: TOML subset, theme, every colour depth",
      run: ThemeFuzzTarget.run),
    FuzzTarget(
      name: "cron", summary: "backup schedules: cron, stored forms, durations, next slots",
      run: ScheduleFuzzTarget.run),
  ]

  /// The target called `name`, if there is one.
  static func named(_ name: String) -> FuzzTarget? {
    all.first { $0.name == name }
  }
}
