import Model
import Operations
import Synchronization

/// A backend with every capability that does nothing but record which methods were called
/// (one `docs` collection of dimension 2 answers the reads). Opened read-only, it shows whether
/// a write got past the seam: none may reach it.
public final class RecordingBackend: CollectionReading, CollectionWriting, PointReading, PointWriting,
  SnapshotReading, SnapshotWriting, MaintenanceReading, MaintenanceWriting, BackupKeeping
{
  private let log = Mutex<[String]>([])
  /// Whether it was opened read-only (the seam must then refuse every writing half).
  public let isReadOnly: Bool
  /// Where backups would live (only its name is used).
  public let backupHome: String

  /// A backend, read-only when `readOnly`, whose backups would live in `backupHome`.
  public init(readOnly: Bool, backupHome: String = "/nonexistent/recording") {
    isReadOnly = readOnly
    self.backupHome = backupHome
  }

  /// The methods called so far, in order.
  public var calls: [String] { log.withLock { $0 } }

  private func called(_ name: String = #function) { log.withLock { $0.append(String(name.prefix { $0 != "(" })) } }

  /// A name for messages; nothing is stored anywhere.
  public var location: String { "memory://recording" }
  /// A version for the header.
  public var version: String { "test" }
  /// Nothing is wrong.
  public var problems: [String] { [] }
  /// Nothing happened on open.
  public var openingNotes: [String] { [] }
  /// Nothing to close; the status stays.
  public func close(after status: ExitStatus, report: (String) -> Void) -> ExitStatus { status }

  // The capability methods below are documented on their protocols; each records its name.

  private static let config = CollectionConfig(dimension: 2, distance: .dot)
  private static let info = CollectionInfo(
    name: "docs", config: config, pointsCount: 0, segmentsCount: 0, unsealedPoints: 0, diskBytes: 0, ramBytes: 0,
    payloadSchema: [], aliases: [])
  private static let snapshot = SnapshotDescription(
    name: "docs-1.snapshot", created: "2000-01-01T00:00:00Z", size: 1, sha256: nil,
    path: "/nonexistent/docs-1.snapshot",
    collections: ["docs"], isFull: false)
  private static let update = UpdateResult(operationID: 1, affected: 1)

  public func collectionNames() -> [String] { called(); return ["docs"] }
  public func collectionInfo(_ name: String) -> CollectionInfo { called(); return Self.info }
  public func collectionConfig(_ name: String) -> CollectionConfig { called(); return Self.config }
  public func aliases() -> [(alias: String, collection: String)] { called(); return [] }
  public func createCollection(_ name: String, config: CollectionConfig) { called() }
  public func dropCollection(_ name: String) { called() }
  public func createAlias(_ alias: String, collection: String) { called() }
  public func dropAlias(_ alias: String) { called() }
  public func createPayloadIndex(collection: String, field: String, type: PayloadIndexType) { called() }
  public func retrieve(collection: String, ids: [PointID], withPayload: Bool, withVector: Bool) -> [PointRecord] {
    called()
    return []
  }
  public func count(collection: String, filter: Filter?) -> Int { called(); return 0 }
  public func scroll(
    collection: String, filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool
  ) -> ScrollPage {
    called()
    return ScrollPage(points: [], nextPageOffset: nil)
  }
  public func search(collection: String, request: SearchRequest) -> [ScoredPoint] { called(); return [] }
  public func upsert(collection: String, points: [PointStruct]) -> UpdateResult { called(); return Self.update }
  public func delete(collection: String, selector: PointSelector) -> UpdateResult { called(); return Self.update }
  public func setPayload(collection: String, payload: JSONObject, selector: PointSelector) -> UpdateResult {
    called()
    return Self.update
  }
  public func overwritePayload(collection: String, payload: JSONObject, selector: PointSelector) -> UpdateResult {
    called()
    return Self.update
  }
  public func deletePayloadKeys(collection: String, keys: [String], selector: PointSelector) -> UpdateResult {
    called()
    return Self.update
  }
  /// A folder that does not exist: the double writes no files.
  public var snapshotsDirectory: String { "/recorded/snapshots" }
  /// Records the call; a path in the folder that does not exist.
  public func stageSnapshotFile() -> String { called(); return "/recorded/snapshots/.staging/upload.snapshot" }
  /// Records the call.
  public func discardStagedSnapshot(at path: String) { called() }
  public func snapshots(_ collection: String) -> [SnapshotDescription] { called(); return [Self.snapshot] }
  public func fullSnapshots() -> [SnapshotDescription] { called(); return [] }
  public func verifySnapshot(_ snapshot: String, collection: String) -> SnapshotDescription {
    called(); return Self.snapshot
  }
  public func verifySnapshotFile(at path: String) -> SnapshotDescription { called(); return Self.snapshot }
  public func createSnapshot(_ collection: String, in directory: String?) -> SnapshotDescription {
    called()
    return Self.snapshot
  }
  public func createFullSnapshot(in directory: String?) -> SnapshotDescription { called(); return Self.snapshot }
  public func restoreSnapshot(_ snapshot: String, collection: String, target: String?, replace: Bool) -> CollectionInfo
  {
    called()
    return Self.info
  }
  public func restoreSnapshotFile(at path: String, as target: String?, replace: Bool) -> [CollectionInfo] {
    called()
    return [Self.info]
  }
  public func deleteSnapshot(_ snapshot: String, collection: String) { called() }
  public func deleteSnapshotFile(at path: String) { called() }
  public func verify(_ collection: String) { called() }
  public func measureQuality(
    _ collection: String, sample: Int, limit: Int, ef: Int?, progress: (@Sendable (Int, Int) -> Void)?
  ) -> QualityReport {
    called()
    return QualityReport(
      sample: sample, limit: limit, ef: ef ?? 0, recallMean: 1, recallStandardDeviation: 0, indexMilliseconds: 0,
      exactMilliseconds: 0)
  }
  public func flush(_ collection: String) { called() }
  public func optimize(_ collection: String) { called() }
  public func setIndexThreads(_ collection: String, threads: Int) { called() }
  public func setAsideDamagedLog(_ collection: String) -> [String] { called(); return [] }
}
