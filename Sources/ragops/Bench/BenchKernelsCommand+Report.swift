// The report of `bench kernels`: speedups over the C loop and the scalar loop, the targets
// check, and the text and JSON forms.

import Foundation
import Operations
import VectorEngine
import Model

extension BenchKernelsCommand {
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
