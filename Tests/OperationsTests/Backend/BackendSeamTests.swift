import BackendDoubles
import Model
import Operations
import Testing

/// The seam between commands and backends: capabilities a backend lacks are refused with a
/// sentence saying so, and a read-only backend's writing half is refused before any call
/// reaches it, for every writing command.
struct BackendSeamTests {
  /// Runs `script` over `backend`, going on after failures; returns its output and errors.
  private func run(_ script: String, on backend: any Backend) async -> (
    status: Operations.ExitStatus, output: String, errors: String
  ) {
    var output = ""
    var errors = ""
    let runner = CommandRunner(
      context: CommandContext(backend: backend), options: .init(keepGoing: true),
      output: { output += $0 }, errorOutput: { errors += $0 })
    let status = await runner.run(script: Script(text: script, name: "seam"))
    return (status, output, errors)
  }

  @Test func aReadOnlyBackendHasOnlyTheReadingHalfOfEachCapability() throws {
    let backend = RecordingBackend(readOnly: true)
    #expect(backend.capabilities == Set(BackendCapability.allCases.filter { !$0.writes }))
    #expect(RecordingBackend(readOnly: false).capabilities == Set(BackendCapability.allCases))
    let writers: [(String, () throws(StoreError) -> Any)] = [
      ("collections", { () throws(StoreError) in try backend.collectionWriter() }),
      ("points", { () throws(StoreError) in try backend.pointWriter() }),
      ("snapshots", { () throws(StoreError) in try backend.snapshotWriter() }),
      ("maintenance", { () throws(StoreError) in try backend.maintenanceWriter() }),
      ("backups", { () throws(StoreError) in try backend.backupWriter() }),
    ]
    for (name, writer) in writers {
      let error = #expect(throws: StoreError.self, "\(name)") { _ = try writer() }
      #expect(error?.kind == .readOnly)
      #expect(error?.message.contains("is open read-only") == true, "\(name): \(error?.message ?? "")")
    }
    _ = try backend.collectionReader()
    _ = try backend.backupReader()
    #expect(backend.calls.isEmpty)
  }

  @Test func everyWritingCommandOnAReadOnlyBackendStopsAtTheSeam() async {
    let backend = RecordingBackend(readOnly: true)
    let writes = [
      "collection create fresh --dim 2 --distance dot", "collection drop docs", "collection flush docs",
      "collection optimize docs", "collection repair docs", "alias create live docs", "alias drop live",
      "index create docs tenant keyword", "points delete docs --ids 1", "points set-payload docs 1 '{\"a\": 1}'",
      "points overwrite-payload docs 1 '{\"a\": 1}'", "points delete-payload docs 1 --keys a",
      "snapshot create docs", "snapshot create --all", "snapshot delete docs docs-1.snapshot",
      "snapshot restore docs docs-1.snapshot --yes", "backup delete 3", "backup now", "schedule pause nightly",
      "schedule set nightly --daily 02:00",
    ]
    let (status, _, errors) = await run(writes.joined(separator: "\n"), on: backend)
    #expect(status == .commandFailed)
    let refusals = errors.split(separator: "\n").filter { $0.contains("is open read-only") }
    #expect(refusals.count == writes.count, "\(errors)")
    let writing: Set<String> = [
      "createCollection", "dropCollection", "flush", "optimize", "setAsideDamagedLog", "createAlias", "dropAlias",
      "createPayloadIndex", "upsert", "delete", "setPayload", "overwritePayload", "deletePayloadKeys", "createSnapshot",
      "createFullSnapshot", "deleteSnapshot", "deleteSnapshotFile", "restoreSnapshot", "restoreSnapshotFile",
      "setIndexThreads",
    ]
    #expect(backend.calls.filter(writing.contains).isEmpty, "\(backend.calls)")
  }

  @Test func aWritableBackendReceivesTheWrites() async {
    let backend = RecordingBackend(readOnly: false)
    let (status, _, errors) = await run(
      "collection create fresh --dim 2 --distance dot\npoints delete docs --ids 1\nsnapshot create docs", on: backend)
    #expect(status == .success, "\(errors)")
    #expect(backend.calls.contains("createCollection"))
    #expect(backend.calls.contains("delete"))
    #expect(backend.calls.contains("createSnapshot"))
  }

  @Test func aBackendRefusesWhatItDoesNotImplementAndServesTheRest() async throws {
    let backend = ReadingBackend(pointCount: 3)
    #expect(backend.capabilities == Set<BackendCapability>([.readCollections, .readPoints]))
    let error = #expect(throws: StoreError.self) { _ = try backend.snapshotReader() }
    #expect(error?.kind == .unsupported)
    #expect(error?.message.contains("cannot list or verify snapshots") == true)
    let (status, output, errors) = await run(
      "points count docs --filter 'tenant:t1'\nsnapshot list docs\ncollection flush docs\nbackup list", on: backend)
    #expect(status == .commandFailed)
    #expect(output.contains("1"), "\(output)")
    #expect(errors.contains("cannot list or verify snapshots"), "\(errors)")
    #expect(errors.contains("cannot flush, optimize or repair collections"), "\(errors)")
    #expect(errors.contains("cannot list backups"), "\(errors)")
  }
}
