import ArgumentParser
import Foundation
import Operations
import VectorEngine
import Model

/// `bench kernels`: nanoseconds per call and GFLOP/s of the distance kernels.
///
/// For each dimension and each kernel (dot; cosine, which is the dot product of vectors
/// normalized at insert; squared L2) it times four implementations: the dispatched kernel the
/// engine uses, the portable fallback, a plain one-accumulator AVX2+FMA C loop and a plain
/// Swift loop. The data stays in cache: one query and eight base vectors, 64-byte aligned, are
/// reused for every call. Each repetition makes many calls (calibrated to 1/50 of `--seconds`,
/// short enough that some repetitions run undisturbed), a measurement keeps the fastest of
/// at least five repetitions, and every result is added into a checksum that is printed, so
/// the optimizer cannot drop the work.
struct BenchKernelsCommand: ParsableCommand {
  /// The command's name and help.
  static let configuration = CommandConfiguration(
    commandName: "kernels",
    abstract: "Time the distance kernels against a plain C loop and a scalar Swift loop.",
    discussion: """
      Prints ns per call and GFLOP/s (dot and cosine: 2·d flop per call, squared L2: 3·d) for \
      the kernel the engine dispatches to at start-up, the portable fallback, a plain \
      one-accumulator AVX2+FMA C loop and a scalar Swift loop. Data stays in cache, so this \
      is the compute cost; a search over vectors in RAM is bounded by memory bandwidth. \
      Reads no data directory: --data and --read-only have no effect.
      """)

  /// The dimensions to measure.
  @Option(
    name: .long,
    help: ArgumentHelp("Comma-separated vector dimensions (1…65536).", valueName: "list"))
  var dims = DimensionList([128, 384, 768, 1536])

  /// The shell-level options, of which only `--json` applies here.
  ///
  /// `--json` prints one JSON object instead of the table. The group is declared like every
  /// command's, so `--json` reaches this command wherever it is written on the command line.
  @OptionGroup var globals: GlobalOptions

  /// The time spent on each measurement.
  @Option(
    name: .long,
    help: ArgumentHelp("Time spent on each measurement, in seconds (0.001…60).", valueName: "s"))
  var seconds = 0.1

  /// Rejects out-of-range options.
  func validate() throws {
    guard seconds >= 0.001, seconds <= 60 else {
      throw ValidationError("--seconds must be between 0.001 and 60")
    }
  }

  /// Runs every measurement and prints the table or the JSON object.
  ///
  /// - Complexity: O(dimensions × seconds).
  func run() throws {
    var checksum = 0.0
    var measurements: [Measurement] = []
    for dimension in dims.values {
      let raw = Workload(dimension: dimension, normalized: false)
      let normalized = Workload(dimension: dimension, normalized: true)
      for kernel in Kernel.allCases {
        let workload = kernel == .cosine ? normalized : raw
        for implementation in Implementation.allCases {
          let nanoseconds = Self.nanosecondsPerCall(
            kernel, implementation, on: workload, seconds: seconds, checksum: &checksum)
          measurements.append(
            Measurement(
              dimension: dimension, kernel: kernel, implementation: implementation,
              nanoseconds: nanoseconds))
        }
      }
    }
    let report = Report(measurements: measurements, checksum: checksum, seconds: seconds)
    if globals.json {
      print(JSONWriter.compact(report.json))
    } else {
      print(TextRenderer.render(report.result), terminator: "")
    }
  }

  /// Times one implementation of one kernel; `nil` when this CPU cannot run it.
  private static func nanosecondsPerCall(
    _ kernel: Kernel, _ implementation: Implementation, on workload: Workload, seconds: Double,
    checksum: inout Double
  ) -> Double? {
    if implementation == .cLoop, !DistanceKernels.isAVX2FMAAvailable { return nil }
    // One literal closure per case, so each timing loop calls its kernel directly.
    switch (kernel, implementation) {
    case (.dot, .dispatched), (.cosine, .dispatched):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.dot($0, $1, $2)
      }
    case (.dot, .portable), (.cosine, .portable):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.portableDot($0, $1, $2)
      }
    case (.dot, .cLoop), (.cosine, .cLoop):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.referenceLoopDot($0, $1, $2)
      }
    case (.dot, .scalar), (.cosine, .scalar):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.scalarDot($0, $1, $2)
      }
    case (.squaredL2, .dispatched):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.squaredL2($0, $1, $2)
      }
    case (.squaredL2, .portable):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.portableSquaredL2($0, $1, $2)
      }
    case (.squaredL2, .cLoop):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.referenceLoopSquaredL2($0, $1, $2)
      }
    case (.squaredL2, .scalar):
      return fastest(workload, seconds: seconds, checksum: &checksum) {
        DistanceKernels.scalarSquaredL2($0, $1, $2)
      }
    }
  }

  /// The fastest time per call over the repetitions of one measurement, in nanoseconds.
  ///
  /// Doubles the calls per repetition until one takes 1/50 of `seconds` (this also warms
  /// the caches and the branch predictors), then repeats until `seconds` have passed and at
  /// least five repetitions ran.
  @inline(__always)
  private static func fastest(
    _ workload: Workload, seconds: Double, checksum: inout Double,
    _ kernel: (UnsafePointer<Float>, UnsafePointer<Float>, Int) -> Float
  ) -> Double {
    let clock = ContinuousClock()
    let repetitionTarget = Duration.seconds(seconds / 50)
    var rounds = 1
    while rounds < 1 << 30 {
      let elapsed = time(workload, rounds: rounds, checksum: &checksum, kernel)
      if elapsed >= repetitionTarget { break }
      rounds *= 2
    }
    let calls = Double(rounds * Workload.baseCount)
    let deadline = clock.now + .seconds(seconds)
    var best = Double.infinity
    var repetitions = 0
    repeat {
      let elapsed = time(workload, rounds: rounds, checksum: &checksum, kernel)
      best = min(best, nanoseconds(elapsed) / calls)
      repetitions += 1
    } while repetitions < 5 || (clock.now < deadline && repetitions < 10_000)
    return best
  }

  /// `duration` in nanoseconds.
  private static func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) * 1e-9
  }

  /// Calls `kernel` on the query and each base vector, `rounds` times; returns the elapsed
  /// time and adds the results into `checksum`.
  @inline(__always)
  private static func time(
    _ workload: Workload, rounds: Int, checksum: inout Double,
    _ kernel: (UnsafePointer<Float>, UnsafePointer<Float>, Int) -> Float
  ) -> Duration {
    let query = UnsafePointer(workload.query)
    let first = UnsafePointer(workload.base)
    let stride = workload.stride, dimension = workload.dimension
    let clock = ContinuousClock()
    var sum: Float = 0
    let start = clock.now
    for _ in 0..<rounds {
      var vector = first
      for _ in 0..<Workload.baseCount {
        sum += kernel(query, vector, dimension)
        vector += stride
      }
    }
    let elapsed = start.duration(to: clock.now)
    checksum += Double(sum)
    return elapsed
  }
}

extension BenchKernelsCommand {
  /// A comma-separated list of vector dimensions, such as `128,384,768,1536`.
  struct DimensionList: ExpressibleByArgument, Sendable {
    /// The dimensions, in the order given.
    var values: [Int]

    /// The list shown as the option's default in the help.
    var defaultValueDescription: String { values.map(String.init).joined(separator: ",") }

    /// Creates a list from its dimensions.
    init(_ values: [Int]) {
      self.values = values
    }

    /// Parses `128,384`: one or more integers in 1…65536, separated by commas.
    init?(argument: String) {
      var values: [Int] = []
      for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
        let trimmed = part.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed), (1...65536).contains(value) else { return nil }
        values.append(value)
      }
      guard !values.isEmpty else { return nil }
      self.values = values
    }
  }

  /// A distance the engine computes.
  enum Kernel: String, CaseIterable, Sendable {
    /// The dot product.
    case dot
    /// Cosine similarity: the dot product of unit vectors.
    case cosine
    /// The squared Euclidean distance.
    case squaredL2 = "l2"

    /// Floating-point operations per vector element (multiply and add; L2 also subtracts).
    var flopsPerElement: Int { self == .squaredL2 ? 3 : 2 }
  }

  /// One way of computing a kernel.
  enum Implementation: String, CaseIterable, Sendable {
    /// The kernel the engine calls, chosen at start-up from the CPU's features.
    case dispatched
    /// The fallback for CPUs without AVX2+FMA.
    case portable
    /// A plain one-accumulator AVX2+FMA loop in C: the hand-written baseline.
    case cLoop = "c_loop"
    /// A plain Swift loop, one multiply-add at a time: the scalar reference.
    case scalar

    /// The label in the text table.
    var label: String {
      switch self {
      case .dispatched: "dispatched \(DistanceKernels.implementationName)"
      case .portable: "portable"
      case .cLoop: "C loop avx2+fma"
      case .scalar: "scalar Swift"
      }
    }
  }

  /// The time per call of one implementation of one kernel at one dimension.
  struct Measurement: Sendable {
    /// The vector dimension.
    var dimension: Int
    /// The kernel.
    var kernel: Kernel
    /// The implementation.
    var implementation: Implementation
    /// The fastest time per call in nanoseconds; `nil` when this CPU cannot run it.
    var nanoseconds: Double?

    /// Billions of floating-point operations per second.
    var gigaflops: Double? {
      nanoseconds.map { Double(kernel.flopsPerElement * dimension) / $0 }
    }
  }

  /// One query and ``baseCount`` base vectors of one dimension, 64-byte aligned and reused by
  /// every call, so they stay in the L1 or L2 cache.
  final class Workload {
    /// How many base vectors each round visits.
    static let baseCount = 8

    /// The vector dimension.
    let dimension: Int
    /// Floats from one vector's start to the next: `dimension` rounded up to 16 (64 bytes).
    let stride: Int
    /// The query vector.
    let query: UnsafeMutablePointer<Float>
    /// The first base vector; the others follow at ``stride``.
    let base: UnsafeMutablePointer<Float>
    private let memory: UnsafeMutableRawPointer

    /// Fills the vectors with random values in -1…1, made unit length when `normalized`.
    init(dimension: Int, normalized: Bool) {
      self.dimension = dimension
      stride = (dimension + 15) / 16 * 16
      let floats = stride * (Self.baseCount + 1)
      memory = UnsafeMutableRawPointer.allocate(
        byteCount: floats * MemoryLayout<Float>.stride, alignment: 64)
      let all = memory.initializeMemory(as: Float.self, repeating: 0, count: floats)
      query = all
      base = all + stride
      for index in 0...Self.baseCount {
        var vector = (0..<dimension).map { _ in Float.random(in: -1...1) }
        if normalized { DistanceKernels.normalize(&vector) }
        (all + index * stride).update(from: vector, count: dimension)
      }
    }

    deinit {
      memory.deallocate()
    }
  }

  /// The measurements in both output forms, with the ratios to the baselines.
  struct Report: Sendable {
    /// Every measurement, by dimension, kernel and implementation.
    var measurements: [Measurement]
    /// The sum of every kernel result (printed so no call can be optimized away).
    var checksum: Double
    /// The time spent on each measurement.
    var seconds: Double

    /// How many times faster `measurement` is than the `baseline` implementation of the
    /// same kernel and dimension (its time divided by this one's).
    func speedup(_ measurement: Measurement, over baseline: Implementation) -> Double? {
      guard let time = measurement.nanoseconds,
        let reference = measurements.first(where: {
          $0.dimension == measurement.dimension && $0.kernel == measurement.kernel
            && $0.implementation == baseline
        })?.nanoseconds
      else { return nil }
      return reference / time
    }

    /// The dispatched dot and L2 kernels at d = 384 and 768 that miss their targets.
    ///
    /// The targets: at most 1.3× the C loop's time and at least 4× faster than the scalar
    /// loop. `nil` when neither dimension was measured.
    var targetMisses: [String]? {
      let checked = measurements.filter {
        $0.implementation == .dispatched && $0.kernel != .cosine
          && [384, 768].contains($0.dimension)
      }
      guard !checked.isEmpty else { return nil }
      return checked.compactMap { measurement in
        let versusLoop = speedup(measurement, over: .cLoop) ?? .infinity
        let versusScalar = speedup(measurement, over: .scalar) ?? 0
        guard versusLoop < 1 / 1.3 || versusScalar < 4 else { return nil }
        return "\(measurement.kernel.rawValue) d=\(measurement.dimension)"
      }
    }

    /// The CPU's model name from `/proc/cpuinfo`, or `unknown`.
    static var processorName: String {
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
        let colon = line.firstIndex(of: ":")
      else { return "unknown" }
      return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The text form: a summary, the table, and how to read the ratios.
    var result: CommandResult {
      var rows: [[String]] = []
      for measurement in measurements {
        rows.append([
          String(measurement.dimension), measurement.kernel.rawValue,
          measurement.implementation.label,
          measurement.nanoseconds.map { Self.format($0, digits: 1) } ?? "n/a",
          measurement.gigaflops.map { Self.format($0, digits: 1) } ?? "n/a",
          speedup(measurement, over: .cLoop).map { Self.format($0, digits: 2) + "x" } ?? "n/a",
          speedup(measurement, over: .scalar).map { Self.format($0, digits: 2) + "x" } ?? "n/a",
        ])
      }
      let table = ResultTable(
        columns: [
          .right("dim"), .left("kernel"), .left("implementation"), .right("ns/call"),
          .right("GFLOP/s"), .right("vs C loop"), .right("vs scalar"),
        ],
        rows: rows)
      var fields = [
        ResultField("kernels", "\(DistanceKernels.implementationName) (chosen once at start-up)"),
        ResultField("cpu", Self.processorName),
        ResultField(
          "method",
          "1 query × \(Workload.baseCount) vectors in cache; fastest of ≥ 5 repetitions, "
            + "\(Self.format(seconds, digits: 3)) s per measurement"),
      ]
      if let misses = targetMisses {
        fields.append(
          ResultField(
            "targets",
            misses.isEmpty
              ? "met (dot and l2 at d=384, 768: ≤ 1.3× the C loop's time, ≥ 4× the scalar loop)"
              : "missed for " + misses.joined(separator: ", ")))
      }
      fields.append(ResultField("checksum", Self.format(checksum, digits: 1)))
      let note = """
        vs C loop, vs scalar: that implementation's time ÷ this row's (above 1 = faster).
        C loop: one 8-lane AVX2+FMA accumulator; dispatched avx2+fma: four, masked tail.
        """
      return CommandResult(blocks: [.fields(fields), .table(table), .text(note)])
    }

    /// The JSON form: one object with the settings and a row per measurement.
    var json: JSONValue {
      let rows: [JSONValue] = measurements.map { measurement in
        [
          "dimension": .int(Int64(measurement.dimension)),
          "kernel": .string(measurement.kernel.rawValue),
          "implementation": .string(measurement.implementation.rawValue),
          "ns_per_call": Self.number(measurement.nanoseconds, digits: 2),
          "gflops": Self.number(measurement.gigaflops, digits: 2),
          "vs_c_loop": Self.number(speedup(measurement, over: .cLoop), digits: 3),
          "vs_scalar": Self.number(speedup(measurement, over: .scalar), digits: 3),
        ]
      }
      var object: JSONObject = [
        "kernels": .string(DistanceKernels.implementationName),
        "cpu": .string(Self.processorName),
        "vectors": .int(Int64(Workload.baseCount)),
        "seconds_per_measurement": .double(seconds),
        "results": .array(rows),
      ]
      if let misses = targetMisses {
        object["targets_met"] = .bool(misses.isEmpty)
      }
      object["checksum"] = Self.number(checksum, digits: 1)
      return .object(object)
    }

    /// `value` with `digits` decimals.
    private static func format(_ value: Double, digits: Int) -> String {
      String(format: "%.\(digits)f", value)
    }

    /// `value` rounded to `digits` decimals as a JSON number, or `null`.
    private static func number(_ value: Double?, digits: Int) -> JSONValue {
      guard let value, value.isFinite else { return .null }
      let scale = pow(10, Double(digits))
      return .double((value * scale).rounded() / scale)
    }
  }
}
