// What `bench kernels` measures: the dimensions asked for, the kernels and their
// implementations, one timed measurement, and the cache-resident vectors every call reuses.

import ArgumentParser
import Foundation
import VectorEngine

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
}
