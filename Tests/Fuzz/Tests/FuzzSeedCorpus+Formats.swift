import Foundation
@testable import Operations
@testable import VectorEngine
@testable import Model

extension FuzzSeedCorpus {
  /// Snapshots of the data directory that ``make()`` built: one collection, then everything.
  mutating func makeSnapshotSeeds() throws {
    let database = try Database(directory: scratch + "/data")
    try FileManager.default.createDirectory(
      atPath: scratch + "/snapshots", withIntermediateDirectories: true)
    let notes = try database.createCollection(
      "notes", config: CollectionConfig(dimension: 2, distance: .dot))
    try notes.upsert([PointStruct(id: .number(7), vector: [0.25, -1])])
    let single = try database.createSnapshot(of: "docs", in: scratch + "/snapshots")
    addFile("snapshot", "collection.snapshot", single.path)
    let full = try database.createFullSnapshot(in: scratch + "/snapshots")
    addFile("snapshot", "full.snapshot", full.path)
    let (manifest, _) = try SnapshotArchive.readManifest(path: full.path)
    addText("json", "snapshot-manifest.json", String(decoding: manifest.encoded(), as: UTF8.self))
    try database.close()
  }

  /// Point files, filters, scripts, themes and schedules.
  mutating func makeTextSeeds() {
    var jsonl = ""
    for point in Self.points {
      jsonl += JSONWriter.compact([
        "id": point.id.json, "vector": .array(point.vector.map { .double(Double($0)) }),
        "payload": .object(point.payload),
      ])
      jsonl += "\n"
    }
    addText("jsonl", "points.jsonl", jsonl)
    // Operations for the replay target (see FuzzOperationDecoder): upserts of three points
    // of dimension 4 with ordinary components; then one of each other operation.
    let upserts: [UInt8] = [
      0, 2, 1, 0, 40, 60, 80, 100, 1, 2, 0, 3, 13, 50, 90, 2, 5, 0, 14, 15, 16, 17, 3,
    ]
    addBytes("wal-replay", "upserts.bin", upserts)
    addBytes(
      "wal-replay", "mixed.bin", upserts + [1, 0, 5, 2, 1, 1, 6, 3, 0, 2, 7, 4, 1, 2, 3, 0, 1])
    addText(
      "jsonl", "no-payload.jsonl",
      "{\"id\":1,\"vector\":[0.5,-2,3e-3]}\n\n{\"id\":\"00000000-0000-0000-0000-00000000002a\",\"vector\":[1,2,3],\"payload\":null}"
    )
    var fvecs = ByteWriter()
    for point in Self.points {
      fvecs.append(UInt32(point.vector.count))
      for component in point.vector { fvecs.append(component.bitPattern) }
    }
    addBytes("fvecs", "points.fvecs", fvecs.bytes)

    for (index, expression) in Self.filterExamples.enumerated() {
      addText("filter-text", "example-\(index + 1).txt", expression)
      if let filter = try? Filter.parse(expression) {
        addText("filter-json", "example-\(index + 1).json", JSONWriter.compact(filter.json))
      }
    }
    addText("filter-json", "qdrant-model.json", Self.qdrantFilter)

    addText("script", "load.rg", Self.script)
    addText("script", "quoting.rg", Self.quotingScript)
    let themes = FuzzCorpus.root.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Themes")
    for name in ["qdrant-dark", "mono", "transparent"] {
      if let data = try? Data(contentsOf: themes.appendingPathComponent(name + ".toml")) {
        addBytes("theme", name + ".toml", Array(data))
      }
    }
    let specs: [ScheduleSpec?] = [
      try? ScheduleSpec(.daily(hour: 2, minute: 0)),
      try? ScheduleSpec(.weekly(weekday: 1, hour: 3, minute: 30), zone: "Europe/Berlin"),
      try? ScheduleSpec(.monthly(day: 31, hour: 0, minute: 5)),
      try? ScheduleSpec(.every(seconds: 6 * 3_600)),
      (try? CronExpression("*/15 9-17 * jan-mar mon-fri")).flatMap { try? ScheduleSpec(.cron($0)) },
    ]
    for (index, spec) in specs.compactMap({ $0 }).enumerated() {
      addText("cron", "schedule-\(index + 1).txt", spec.description)
    }
    addText("cron", "expression.txt", "0 */6 1,15 * 7")
    addText("cron", "macro.txt", "@weekly")
    addText("cron", "duration.txt", "1h30m")
  }

  /// Examples of the filter text form, from `FilterTextParser`'s documentation.
  static let filterExamples = [
    "tenant:acme year>=2020 !lang:de tag:[a,b] id:42",
    "city:London color!=red",
    "a:1 b:2 | c:3",
    "!(status:draft | status:deleted)",
    "title:~\"vector database\" tags:rag,llm",
    "score>0.5 score<=1 reports:empty note:null",
    "color!:[red,blue]",
    "\"id\":7 \"weird key\":\"x y\" country.cities[].population>=9",
    "id:[1, \"550e8400-e29b-41d4-a716-446655440000\"] a[2].b:'single quoted' n:-3.5e2",
  ]

  /// Qdrant's filter model example, from `FilterJSONCoding`'s documentation.
  static let qdrantFilter = """
    {
      "must": [
        {"key": "city", "match": {"value": "London"}},
        {"key": "country.cities[].population", "range": {"gte": 9.0}}
      ],
      "should": {"has_id": [1, 2, "550e8400-e29b-41d4-a716-446655440000"]},
      "must_not": [{"is_empty": {"key": "reports"}}, {"is_null": {"key": "packaging"}}],
      "min_should": {"conditions": [{"must": []}, {"key": "tag", "match": {"any": ["a", "b"]}}],
                     "min_count": 1}
    }
    """

  /// The README's batch script.
  static let script = """
    # comments and blank lines are ignored
    collection create docs --dim 384 --distance cosine
    points upsert docs --file points.jsonl
    points count docs

    """

  /// Quotes, escapes, continuations, comments and Windows line endings.
  static let quotingScript =
    "points count docs --filter='tenant:acme year>=2020' # trailing comment\r\n"
    + "search docs --id 42 \\\n  --limit 5 --filter \"lang:\\\"en\\\"\"\n"
    + "collection info a\\ b '' \"\"\n"
}
