import ArgumentParser
import Foundation
import Operations
import VectorEngine
import Model
import Synchronization
import Dispatch

/// `bench ann`: build a collection from the user's vectors, then recall@10, QPS and latency per `ef`.
struct BenchAnnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ann",
    abstract: "Measure index build, recall@10, single-thread QPS and latency on your own vectors.",
    discussion: """
      Builds a collection in a temporary data directory from --base (.fvecs; ids are row numbers), \
      then searches every --query vector one at a time on one thread for each --ef. Recall@10 uses \
      --truth (.ivecs, nearest first) when given, else exact search. With --baseline hnswlib the same \
      files are run through hnswlib in the same run, for a side-by-side comparison: with the Python \
      given by --python (used as is), or in a private Python environment that ragops sets up only \
      after asking on the terminal, or with --yes-install.
      """)

  @Option(name: .long, help: ArgumentHelp("Base vectors (.fvecs).", valueName: "file")) var base: String
  @Option(name: .long, help: ArgumentHelp("Query vectors (.fvecs).", valueName: "file")) var query: String
  @Option(name: .long, help: ArgumentHelp("Ground truth (.ivecs), nearest first.", valueName: "file")) var truth:
    String?
  @Option(name: .long, help: "cosine, dot or l2.") var metric: String = "cosine"
  @Option(name: .long, help: "HNSW links per node.") var m: Int = 16
  @Option(name: .customLong("ef-construct"), help: "HNSW build candidate list size.") var efConstruct: Int = 200
  @Option(name: .long, help: ArgumentHelp("Search candidate list sizes, comma-separated.", valueName: "list"))
  var ef: String = "10,16,32,64,128,256"
  @Option(name: .long, help: "Index build threads (default: all cores).") var threads: Int?
  @Option(name: .long, help: "Also search with this many threads at once; their combined QPS is a row of its own.")
  var searchThreads: Int = 1
  @Option(name: .long, help: "Results per query (k).") var k: Int = 10
  @Option(
    name: .long, help: ArgumentHelp("Also run a baseline library on the same files: hnswlib.", valueName: "library"))
  var baseline: String?
  /// The user's own Python for the baseline, used as is: ragops never installs into it.
  @Option(
    name: .long,
    help: ArgumentHelp(
      "With --baseline: a Python that already has hnswlib and numpy, used as is (ragops installs nothing).",
      valueName: "path"))
  var python: String?
  /// Consent, given in advance, to set up the private baseline environment without asking.
  @Flag(
    name: .customLong("yes-install"),
    help:
      "With --baseline: set up ragops's private Python environment (venv; pip install numpy, hnswlib) without asking.")
  var yesInstall = false
  /// `--json` (one JSON object per line) arrives through the shared shell options.
  @OptionGroup var globals: GlobalOptions

  private var json: Bool { globals.json }

  func validate() throws {
    guard searchThreads >= 1 else { throw ValidationError("--search-threads must be at least 1") }
    guard Distance(name: metric) != nil else { throw ValidationError("--metric must be cosine, dot or l2") }
    guard !efValues.isEmpty, efValues.allSatisfy({ $0 > 0 }) else {
      throw ValidationError("--ef must be a comma-separated list of positive integers")
    }
    if let baseline, baseline != "hnswlib" { throw ValidationError("--baseline supports hnswlib") }
    if baseline == nil, python != nil || yesInstall {
      throw ValidationError("--python and --yes-install apply only with --baseline hnswlib")
    }
    if python != nil, yesInstall {
      throw ValidationError(
        "--yes-install sets up ragops's own Python environment and --python names yours, which ragops never changes: pass one or the other"
      )
    }
    if let python {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: python, isDirectory: &isDirectory) else {
        throw ValidationError("--python \(python): no such file")
      }
      guard !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: python) else {
        throw ValidationError("--python \(python): not an executable file")
      }
    }
  }

  private var efValues: [Int] { ef.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

  func run() throws {
    // Settle the baseline's Python first, so a refusal comes before minutes of benchmarking.
    let baselinePython = try baseline.map { _ in try resolveBaselinePython() }
    let distance = Distance(name: metric) ?? .cosine
    let queries = try Self.readVectors(query)
    let truthRows = try truth.map { try Self.readIVecs($0) }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ragops-bench-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let database = try Database(directory: scratch)
    let baseCount = try Self.countRecords(base)
    let collection = try database.createCollection(
      "bench",
      config: CollectionConfig(
        dimension: queries.first?.count ?? 1, distance: distance, storage: .memory, hnswM: m,
        hnswEfConstruct: efConstruct, hnswEf: efValues[0], segmentPoints: max(baseCount + 1, 1),
        indexingThresholdKB: 0))
    collection.indexThreads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let clock = ContinuousClock()

    var reader = try PointFileReader(
      path: base, format: .fvecs, expectedDimension: collection.config.dimension, batchSize: 10_000)
    let importTime = try clock.measure {
      while let batch = try reader.nextBatch() { try collection.upsert(batch) }
    }
    let buildTime = try clock.measure { try collection.flush() }
    let info = try collection.info()
    let indexBytes = Self.graphBytes(in: scratch + "/collections/bench")
    emit(
      [
        "lib": "ragops", "points": .int(Int64(info.pointsCount)), "dim": .int(Int64(info.config.dimension)),
        "import_s": .double(Self.seconds(importTime)), "build_s": .double(Self.seconds(buildTime)),
        "threads": .int(Int64(collection.indexThreads)), "index_bytes": .int(Int64(indexBytes)),
        "ram_bytes": .int(Int64(info.ramBytes)), "peak_rss_bytes": .int(Int64(Self.peakRSS())),
      ],
      text:
        "ragops: \(Quantity.count(info.pointsCount)) points × \(info.config.dimension) (\(metric)), M=\(m) ef_construct=\(efConstruct); import \(Self.format(Self.seconds(importTime))) s, index build \(Self.format(Self.seconds(buildTime))) s with \(collection.indexThreads) threads; index \(Quantity.bytes(indexBytes)), collection RAM \(Quantity.bytes(info.ramBytes)), peak RSS \(Quantity.bytes(Self.peakRSS()))"
    )

    // Ground truth: the file's, or exact search.
    let truthSets: [Set<PointID>] = try queries.enumerated().map { index, vector in
      if let truthRows { return Set(truthRows[index].prefix(k).map { PointID.number(UInt64($0)) }) }
      return Set(
        try collection.search(SearchRequest(query: .vector(vector), limit: k, exact: true, withPayload: false)).map(
          \.id))
    }
    var rows: [[String]] = []
    for efValue in efValues {
      // Warm up, then time each query.
      for vector in queries.prefix(20) {
        _ = try collection.search(SearchRequest(query: .vector(vector), limit: k, ef: efValue, withPayload: false))
      }
      var latencies: [Duration] = []
      var found = 0
      var total = 0
      let started = clock.now
      for (index, vector) in queries.enumerated() {
        let start = clock.now
        let hits = try collection.search(
          SearchRequest(query: .vector(vector), limit: k, ef: efValue, withPayload: false))
        latencies.append(clock.now - start)
        found += hits.filter { truthSets[index].contains($0.id) }.count
        total += min(k, truthSets[index].count)
      }
      let elapsed = Self.seconds(clock.now - started)
      latencies.sort()
      let recall = Double(found) / Double(max(total, 1))
      let qps = Double(queries.count) / elapsed
      let p50 = Self.seconds(latencies[latencies.count / 2]) * 1_000
      let p99 = Self.seconds(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]) * 1_000
      if json {
        emit(
          [
            "lib": "ragops", "ef": .int(Int64(efValue)), "recall": .double(recall), "qps": .double(qps),
            "p50_ms": .double(p50), "p99_ms": .double(p99),
          ], text: "")
      }
      rows.append([
        "ragops", String(efValue), Self.format(recall, 4), Quantity.count(Int(qps.rounded())), Self.format(p50, 3),
        Self.format(p99, 3),
      ])
      if searchThreads > 1 {
        let parallelQPS = try Self.parallelQPS(collection, queries: queries, k: k, ef: efValue, threads: searchThreads)
        if json {
          emit(
            [
              "lib": "ragops", "ef": .int(Int64(efValue)), "threads": .int(Int64(searchThreads)),
              "qps": .double(parallelQPS),
            ],
            text: "")
        }
        rows.append([
          "ragops ×\(searchThreads)", String(efValue), "", Quantity.count(Int(parallelQPS.rounded())), "", "",
        ])
      }
    }
    if let baselinePython {
      rows.append(contentsOf: try runHnswlib(python: baselinePython))
    }
    if !json {
      let table = ResultTable(
        columns: [
          .left("library"), .right("ef"), .right("recall@\(k)"), .right("qps"), .right("p50 ms"), .right("p99 ms"),
        ],
        rows: rows)
      print(TextRenderer.render(CommandResult(blocks: [.table(table)])))
    }
  }

  /// Queries per second with the queries split over `threads` threads searching at once.
  private static func parallelQPS(_ collection: VectorCollection, queries: [[Float]], k: Int, ef: Int, threads: Int)
    throws -> Double
  {
    let failures = Mutex<[StoreError]>([])
    let clock = ContinuousClock()
    let started = clock.now
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      for index in stride(from: thread, to: queries.count, by: threads) {
        do throws(StoreError) {
          _ = try collection.search(SearchRequest(query: .vector(queries[index]), limit: k, ef: ef, withPayload: false))
        } catch {
          failures.withLock { $0.append(error) }
        }
      }
    }
    let elapsed = seconds(clock.now - started)
    if let failure = failures.withLock({ $0.first }) { throw failure }
    return Double(queries.count) / elapsed
  }

  private func emit(_ object: JSONValue, text: String) {
    if json {
      print(JSONWriter.compact(object))
    } else if !text.isEmpty {
      print(text)
    }
  }

  /// The Python that runs the baseline: `--python` as is, else the private environment,
  /// which is set up only after the user agrees (on the terminal, or with `--yes-install`).
  ///
  /// - Throws: ``BaselineError`` when `--python` lacks a library, when consent is refused or
  ///   cannot be asked for (standard input is not a terminal), or when the setup fails.
  private func resolveBaselinePython() throws -> String {
    if let python {
      do {
        _ = try BaselineEnvironment.run(python, ["-c", "import numpy, hnswlib"])
      } catch {
        throw BaselineError(
          message: "--python \(python) cannot import numpy and hnswlib (\(error)); install them into that Python "
            + "yourself (ragops does not change it), or leave out --python to use ragops's own environment")
      }
      return python
    }
    if let ready = BaselineEnvironment.readyPython { return ready }
    guard let systemPython = BaselineEnvironment.systemPython else {
      throw BaselineError(
        message: "--baseline hnswlib needs python3 on PATH to set up its environment, or --python PATH naming a Python "
          + "that has numpy and hnswlib")
    }
    let installs = BaselineEnvironment.packages.joined(separator: " ")
    if !yesInstall {
      guard isatty(0) == 1 else {
        throw BaselineError(
          message: "--baseline hnswlib needs \(installs) in a Python environment at \(BaselineEnvironment.directory), "
            + "which is not set up, and standard input is not a terminal, so ragops cannot ask before installing. "
            + "Pass --yes-install to let it run `\(systemPython) -m venv` there and `pip install \(installs)` (from PyPI), "
            + "or --python PATH to use a Python that already has numpy and hnswlib (used as is).")
      }
      FileHandle.standardError.write(
        Data((BaselineEnvironment.plan(systemPython: systemPython) + "Set it up now? [y/N] ").utf8))
      let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
      guard answer == "y" || answer == "yes" else {
        throw BaselineError(
          message:
            "nothing was installed; run again and answer y, or pass --yes-install, or --python PATH to use your own Python"
        )
      }
    } else {
      FileHandle.standardError.write(Data(BaselineEnvironment.plan(systemPython: systemPython).utf8))
    }
    FileHandle.standardError.write(Data("setting up \(BaselineEnvironment.directory)…\n".utf8))
    return try BaselineEnvironment.install(systemPython: systemPython)
  }

  /// Runs the same files through hnswlib with `python`; returns table rows (and prints JSON
  /// lines in JSON mode).
  private func runHnswlib(python: String) throws -> [[String]] {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("ragops-hnswlib-\(UUID().uuidString).py")
    try Data(BaselineEnvironment.hnswlibScript.utf8).write(to: script)
    defer { try? FileManager.default.removeItem(at: script) }
    var arguments = [
      script.path, "--base", base, "--query", query, "--metric", metric, "--m", String(m),
      "--ef-construct", String(efConstruct), "--ef", ef, "--k", String(k),
      "--threads", String(threads ?? ProcessInfo.processInfo.activeProcessorCount),
    ]
    if let truth { arguments += ["--truth", truth] }
    let output = try BaselineEnvironment.run(python, arguments)
    var rows: [[String]] = []
    for line in output.split(separator: "\n") {
      guard let object = try? JSONParser.parse(String(line)).objectValue else { continue }
      if json { print(line) }
      if let build = object["build_s"]?.numberValue {
        if !json {
          print("hnswlib: index build \(Self.format(build)) s with \(object["threads"]?.integerValue ?? 0) threads")
        }
        continue
      }
      guard let efValue = object["ef"]?.integerValue, let recall = object["recall"]?.numberValue,
        let qps = object["qps"]?.numberValue
      else { continue }
      rows.append(["hnswlib", String(efValue), Self.format(recall, 4), Quantity.count(Int(qps.rounded())), "", ""])
    }
    return rows
  }

  // MARK: Files

  static func readVectors(_ path: String) throws -> [[Float]] {
    var reader = try PointFileReader(path: path, format: .fvecs, batchSize: 10_000)
    var vectors: [[Float]] = []
    while let batch = try reader.nextBatch() { vectors.append(contentsOf: batch.map(\.vector)) }
    return vectors
  }

  static func countRecords(_ path: String) throws -> Int {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
    defer { try? handle.close() }
    let head = try handle.read(upToCount: 4) ?? Data()
    guard head.count == 4 else { throw ValidationError("\(path) is empty") }
    let dimension = Int(head.withUnsafeBytes { $0.loadUnaligned(as: Int32.self).littleEndian })
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return dimension > 0 ? size / (4 * (dimension + 1)) : 0
  }

  static func readIVecs(_ path: String) throws -> [[Int32]] {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
    var rows: [[Int32]] = []
    try data.withUnsafeBytes { raw in
      var offset = 0
      while offset + 4 <= raw.count {
        let count = Int(raw.loadUnaligned(fromByteOffset: offset, as: Int32.self).littleEndian)
        guard count > 0, offset + 4 + count * 4 <= raw.count else {
          throw ValidationError("\(path): record \(rows.count) is truncated or has a bad length")
        }
        rows.append(
          (0..<count).map { raw.loadUnaligned(fromByteOffset: offset + 4 + $0 * 4, as: Int32.self).littleEndian })
        offset += 4 + count * 4
      }
    }
    return rows
  }

  static func graphBytes(in directory: String) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".hnsw") }.reduce(0) { total, name in
      total + ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0)
    }
  }

  static func peakRSS() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1_024
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }

  static func format(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
  }
}
