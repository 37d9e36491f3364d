import Operations
import VectorEngine

@testable import ConsoleUI
@testable import Model

/// Fixed console states for golden screens and reducer tests: made from values, no engine.
enum ConsoleFixtures {
  /// 2026-11-18 11:20:00 UTC.
  static let now: Int64 = 1_795_000_800

  static func info(
    _ name: String, points: Int, segments: Int, unsealed: Int = 0, dimension: Int, distance: Distance,
    storage: StorageMode, disk: Int, ram: Int, aliases: [String] = [], schema: [PayloadSchemaEntry] = [],
    index: [SegmentIndexStats] = []
  ) -> CollectionInfo {
    CollectionInfo(
      name: name,
      config: CollectionConfig(dimension: dimension, distance: distance, storage: storage, segmentPoints: 1_500),
      pointsCount: points, segmentsCount: segments, unsealedPoints: unsealed, diskBytes: disk, ramBytes: ram,
      payloadSchema: schema, aliases: aliases, indexStats: index)
  }

  static let collections: [CollectionInfo] = [
    info(
      "docs", points: 3_000, segments: 2, dimension: 48, distance: .cosine, storage: .mmap, disk: 1_677_721, ram: 896,
      aliases: ["docs-live"],
      schema: [
        PayloadSchemaEntry(field: "tenant", type: .keyword, points: 3_000),
        PayloadSchemaEntry(field: "year", type: .integer, points: 3_000),
      ],
      index: [
        SegmentIndexStats(
          segment: 1, points: 1_500, hasGraph: true, maxLevel: 2, nodesPerLayer: [1_500, 94, 6],
          meanDegreeLevel0: 17.46, maxDegreeLevel0: 32, meanDegreeUpper: 9.2, maxDegreeUpper: 16),
        SegmentIndexStats(
          segment: 2, points: 1_500, hasGraph: false, maxLevel: nil, nodesPerLayer: [], meanDegreeLevel0: 0,
          maxDegreeLevel0: 0, meanDegreeUpper: 0, maxDegreeUpper: 0),
      ]),
    info(
      "support-tickets", points: 800, segments: 1, unsealed: 800, dimension: 32, distance: .dot, storage: .memory,
      disk: 209_408, ram: 442_368),
    info(
      "product-images", points: 400, segments: 1, dimension: 16, distance: .euclid, storage: .mmap, disk: 59_494,
      ram: 157_184),
  ]

  static let tenants = ["acme", "globex", "initech", "umbrella"]
  static let languages = ["en", "de", "fr", "ja"]

  static let points: [PointRecord] = (1...40).map(point)

  static func point(_ index: Int) -> PointRecord {
    var payload = JSONObject()
    payload["tenant"] = .string(tenants[index % 4])
    payload["lang"] = .string(languages[(index / 4) % 4])
    payload["year"] = .int(Int64(2018 + index % 8))
    let tag: String = index % 3 == 0 ? "billing" : "search"
    payload["tags"] = .array([.string(tag)])
    payload["text"] = .string("Chunk \(index) of the handbook: 漢字 and émoji 🚀 stay aligned.")
    return PointRecord(id: .number(UInt64(index)), payload: payload, vector: nil)
  }

  /// A console that has loaded everything, on the collections table.
  static func state(size: Size, readOnly: Bool = false) -> AppState {
    var state = AppState(
      size: size, now: now, keymap: .standard, isReadOnly: readOnly, location: "/srv/ragops/data",
      engineVersion: "0.1.0", themeName: "qdrant-dark")
    state.scheduler.isRunning = !readOnly
    state = AppReducer.reduce(state, .collectionsLoaded(collections)).0
    state = AppReducer.reduce(state, .backupsLoaded(schedules: schedules, records: backups)).0
    state = AppReducer.reduce(state, .eventsLoaded(events)).0
    return state
  }

  /// The state after opening `docs` (its first page loaded) and switching to `tab`.
  static func collectionState(size: Size, tab: CollectionTab) -> AppState {
    var state = self.state(size: size)
    state = AppReducer.reduce(state, .key(.enter)).0
    let page = ScrollPage(points: points, nextPageOffset: .number(41))
    state = AppReducer.reduce(state, .pointsLoaded(collection: "docs", page: page, append: false, total: 3_000)).0
    state = AppReducer.reduce(state, .snapshotsLoaded(collection: "docs", snapshots: snapshots)).0
    state =
      AppReducer.reduce(state, .snapshotVerified(collection: "docs", name: snapshots[0].name, ok: true, message: "ok"))
      .0
    state.page?.tab = tab
    state.message = nil
    return state
  }

  static let snapshots = [
    SnapshotDescription(
      name: "docs-2026-11-18-09-00-00.snapshot", created: "2026-11-18T09:00:00Z", size: 1_703_936,
      sha256: "32553ac61086d5a0ffee"),
    SnapshotDescription(
      name: "docs-2026-11-17-02-00-00.snapshot", created: "2026-11-17T02:00:00Z", size: 1_698_816,
      sha256: "9c1f00aa2b3c4d5e6f70"),
  ]

  static let schedules = [
    ScheduleRow(
      name: "nightly", frequency: "daily 02:00", scope: "docs", retentionDays: 7, paused: false,
      nextSlot: 1_795_053_600, lastStatus: "SUCCEEDED", lastAt: 1_794_967_200),
    ScheduleRow(
      name: "weekly-all", frequency: "weekly sun 03:00", scope: "all", retentionDays: nil, paused: true, nextSlot: nil,
      lastStatus: nil, lastAt: nil),
  ]

  static let backups = [
    BackupRecord(
      id: 3, scheduleID: 1, scheduleName: "nightly", trigger: .scheduled, slot: 1_794_967_200, status: .succeeded,
      collection: "docs", startedAt: 1_794_967_200, finishedAt: 1_794_967_201, durationMilliseconds: 820,
      size: 1_703_936, sha256: "abc"),
    BackupRecord(
      id: 2, scheduleID: nil, scheduleName: nil, trigger: .manual, slot: nil, status: .succeeded,
      collection: "product-images", startedAt: 1_794_900_000, finishedAt: 1_794_900_000, durationMilliseconds: 21,
      size: 69_120),
    BackupRecord(
      id: 1, scheduleID: 1, scheduleName: "nightly", trigger: .catchUp, slot: 1_794_880_800, status: .failed,
      reason: "disk full", collection: "docs", startedAt: 1_794_881_000),
  ]

  static let events = [
    BackupEvent(id: 1, at: 1_794_881_000, schedule: "nightly", message: "backup 1 FAILED: disk full"),
    BackupEvent(
      id: 2, at: 1_794_967_201, schedule: "nightly", message: "backup 3 succeeded: 1.6 MiB in 820 ms, verified"),
  ]
}
