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
