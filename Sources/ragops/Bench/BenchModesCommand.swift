import ArgumentParser
import Foundation
import Operations
import VectorEngine
import Model

/// `bench modes`: the same points stored with `memory` and with `mmap` storage, timed.
///
/// For each mode, in a fresh scratch data directory: create the collection and upsert the
/// points in durable batches of 1,000, then close (sealing and indexing everything) — the
/// collection creation time; reopen and read its info — the open time; take a snapshot; and
/// run 200 searches. The last row divides the `memory` time by the `mmap` time (above 1: mmap
/// is faster).
struct BenchModesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "modes",
    abstract: "Compare memory and mmap storage: collection creation, open, snapshot and search times.",
    discussion: """
      Uses seeded random vectors (or --base FILE.fvecs) in a scratch data directory under \
      $TMPDIR, removed afterwards. Reads no data directory: --data has no effect.
      """)

  @Option(help: "Points to store (ignored with --base).") var points = 100_000
  @Option(help: "Vector dimension (ignored with --base).") var dim = 384
  @Option(help: ArgumentHelp("Base vectors (.fvecs) instead of random ones.", valueName: "file")) var base: String?
  @Option(help: "Random seed.") var seed: UInt64 = 2026
  @OptionGroup var globals: GlobalOptions

  func validate() throws {
    guard (1...10_000_000).contains(points), (1...65_536).contains(dim) else {
      throw ValidationError("--points must be 1…10,000,000 and --dim 1…65,536")
    }
  }

  private struct Timing {
    var mode: StorageMode
    var create: Double
    var open: Double
    var snapshot: Double
    var searchMilliseconds: Double
    var snapshotBytes: Int
    var ramBytes: Int
  }

  func run() throws {
    let batches = try loadBatches()
    let queries = Self.queries(from: batches, count: 200)
    var timings: [Timing] = []
    for mode in [StorageMode.memory, .mmap] {
      timings.append(try measure(mode, batches: batches, queries: queries))
    }
    let count = batches.reduce(0) { $0 + $1.count }
    let dimension = batches.first?.first?.vector.count ?? 0
    if globals.json {
      let rows: [JSONValue] = timings.map { timing in
        [
          "mode": .string(timing.mode.rawValue), "create_s": .double(timing.create), "open_s": .double(timing.open),
          "snapshot_s": .double(timing.snapshot), "search_ms": .double(timing.searchMilliseconds),
          "snapshot_bytes": .int(Int64(timing.snapshotBytes)), "ram_bytes": .int(Int64(timing.ramBytes)),
        ]
      }
      print(JSONWriter.compact(["points": .int(Int64(count)), "dim": .int(Int64(dimension)), "modes": .array(rows)]))
      return
    }
    func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
    func ratio(_ memory: Double, _ mmap: Double) -> String { mmap > 0 ? String(format: "×%.2f", memory / mmap) : "-" }
    var rows = timings.map { timing in
      [
        timing.mode.rawValue, seconds(timing.create), seconds(timing.open), seconds(timing.snapshot),
        String(format: "%.2f ms", timing.searchMilliseconds), Quantity.bytes(timing.snapshotBytes),
        Quantity.bytes(timing.ramBytes),
      ]
    }
    let memory = timings[0]
    let mmap = timings[1]
    rows.append([
      "mmap speed-up", ratio(memory.create, mmap.create), ratio(memory.open, mmap.open),
      ratio(memory.snapshot, mmap.snapshot),
      ratio(memory.searchMilliseconds, mmap.searchMilliseconds), "", "",
    ])
    let table = ResultTable(
      columns: [
        .left("storage"), .right("create"), .right("open"), .right("snapshot"), .right("search (mean)"),
        .right("snapshot size"), .right("collection RAM"),
      ],
      rows: rows)
    print(
      "\(Quantity.count(count)) points × \(dimension), cosine, M=16 ef_construct=100, durable batches of 1,000; search: 200 queries, top 10, ef 64"
    )
    print(TextRenderer.render(CommandResult(blocks: [.table(table)])), terminator: "")
  }

  private func measure(_ mode: StorageMode, batches: [[PointStruct]], queries: [[Float]]) throws -> Timing {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ragops-bench-modes-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let clock = ContinuousClock()
    let dimension = batches.first?.first?.vector.count ?? dim
    let create = try clock.measure {
      let database = try Database(directory: scratch)
      let collection = try database.createCollection(
        "bench", config: CollectionConfig(dimension: dimension, distance: .cosine, storage: mode))
      for batch in batches { _ = try collection.upsert(batch) }
      try database.close()
    }
    var database: Database?
    let open = try clock.measure {
      database = try Database(directory: scratch)
      _ = try database?.collection("bench").info()
    }
    guard let database else { throw ValidationError("the scratch data directory did not open") }
    let collection = try database.collection("bench")
    var snapshotBytes = 0
    let snapshot = try clock.measure { snapshotBytes = try database.createSnapshot(of: "bench").size }
    let search = try clock.measure {
      for query in queries {
        _ = try collection.search(SearchRequest(query: .vector(query), limit: 10, ef: 64, withPayload: false))
      }
    }
    let ram = try collection.info().ramBytes
    try database.close()
    return Timing(
      mode: mode, create: Self.seconds(create), open: Self.seconds(open), snapshot: Self.seconds(snapshot),
      searchMilliseconds: Self.seconds(search) * 1_000 / Double(max(1, queries.count)), snapshotBytes: snapshotBytes,
      ramBytes: ram)
  }

  private func loadBatches() throws -> [[PointStruct]] {
    if let base {
      var reader = try PointFileReader(path: base, format: .fvecs, expectedDimension: nil, batchSize: 1_000)
      var batches: [[PointStruct]] = []
      while let batch = try reader.nextBatch() { batches.append(batch) }
      return batches
    }
    var state = seed
    func next() -> Float {
      state &+= 0x9E37_79B9_7F4A_7C15
      var value = state
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return Float((value ^ (value >> 31)) >> 40) / Float(1 << 24) * 2 - 1
    }
    let tenants = ["acme", "globex", "initech", "umbrella"]
    return stride(from: 0, to: points, by: 1_000).map { start in
      (start..<min(points, start + 1_000)).map { index in
        PointStruct(
          id: .number(UInt64(index)), vector: (0..<dim).map { _ in next() },
          payload: ["tenant": .string(tenants[index % tenants.count]), "n": .int(Int64(index))])
      }
    }
  }

  private static func queries(from batches: [[PointStruct]], count: Int) -> [[Float]] {
    let all = batches.joined()
    let step = max(1, all.count / count)
    return all.enumerated().filter { $0.offset % step == 0 }.prefix(count).map {
      $0.element.vector.map { $0 * 0.9 + 0.05 }
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
