import Foundation
import TestSupport
import Testing
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dispatched and portable distance kernels agree with an exact reference for every
/// length, alignment and tail, and the dispatcher picks AVX2+FMA exactly when the CPU has it.
///
/// Accuracy: a kernel result `r` for exact value `x` (computed in `Double` from the same
/// floats) passes when `|r − x| ≤ 1e-4 · Σ|tᵢ|`, where `tᵢ` are the exact terms (`aᵢ·bᵢ` for
/// the dot product, `(aᵢ − bᵢ)²` for the distance). `Σ|tᵢ|` bounds every partial sum, so this
/// is the usual forward-error scale of a float summation and stays meaningful when the terms
/// cancel; for the distance it equals `x`, a plain relative error.
struct DistanceKernelsTests {
  /// A kernel under test with the signature the engine uses.
  typealias Kernel = @Sendable (UnsafePointer<Float>, UnsafePointer<Float>, Int) -> Float

  /// The dot-product kernels checked against the exact sum.
  static let dotKernels: [(name: String, kernel: Kernel)] = [
    ("dispatched", DistanceKernels.dot), ("portable", DistanceKernels.portableDot),
    ("scalar", DistanceKernels.scalarDot),
  ]

  /// The squared-distance kernels checked against the exact sum.
  static let squaredL2Kernels: [(name: String, kernel: Kernel)] = [
    ("dispatched", DistanceKernels.squaredL2), ("portable", DistanceKernels.portableSquaredL2),
    ("scalar", DistanceKernels.scalarSquaredL2),
  ]

  /// Every length 1…64 (all tail shapes around the 8- and 32-float blocks), then a spread
  /// up to 4096 in steps of a prime so the lengths hit every remainder, and 4096 itself.
  static let dimensions: [Int] =
    Array(1...64) + Array(stride(from: 65, through: 4096, by: 97)) + [4096]

  /// The exact dot product and the sum of its terms' magnitudes.
  private static func exactDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int)
    -> (value: Double, scale: Double)
  {
    var value = 0.0, scale = 0.0
    for index in 0..<count {
      let term = Double(a[index]) * Double(b[index])
      value += term
      scale += abs(term)
    }
    return (value, scale)
  }

  /// The exact squared distance (it is its own scale: every term is non-negative).
  private static func exactSquaredL2(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Double {
    var value = 0.0
    for index in 0..<count {
      let difference = Double(a[index]) - Double(b[index])
      value += difference * difference
    }
    return value
  }

  /// Checks every kernel on `a` and `b` against the exact values.
  private static func checkAll(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int, note: String
  ) {
    let dot = exactDot(a, b, count)
    for (name, kernel) in dotKernels {
      let result = Double(kernel(a, b, count))
      #expect(
        abs(result - dot.value) <= 1e-4 * dot.scale,
        "dot \(name) d=\(count) \(note): \(result) vs \(dot.value)")
    }
    let squared = exactSquaredL2(a, b, count)
    for (name, kernel) in squaredL2Kernels {
      let result = Double(kernel(a, b, count))
      #expect(
        abs(result - squared) <= 1e-4 * squared,
        "squaredL2 \(name) d=\(count) \(note): \(result) vs \(squared)")
    }
  }

  @Test func kernelsMatchTheExactSumForEveryLength() {
    var generator = SeededGenerator(seed: 0x4B45_524E)
    for count in Self.dimensions {
      let a = randomVector(count, using: &generator)
      let b = randomVector(count, using: &generator)
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          guard let a = a.baseAddress, let b = b.baseAddress else { return }
          Self.checkAll(a, b, count, note: "aligned")
        }
      }
    }
  }

  @Test func kernelsMatchTheExactSumOnUnalignedVectors() {
    var generator = SeededGenerator(seed: 0x0FF5_E7)
    for count in Self.dimensions {
      // One float in: never 32-byte aligned, and a different offset for each vector.
      let a = [0] + randomVector(count, using: &generator)
      let b = [0, 0] + randomVector(count, using: &generator)
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          guard let a = a.baseAddress, let b = b.baseAddress else { return }
          Self.checkAll(a + 1, b + 2, count, note: "unaligned")
        }
      }
    }
  }

  @Test func kernelsMatchTheExactSumOnLargeAndMixedMagnitudes() {
    var generator = SeededGenerator(seed: 31)
    for count in [7, 100, 1536, 4096] {
      let a = (0..<count).map { _ in Float.random(in: -1000...1000, using: &generator) }
      let b = (0..<count).map { _ in Float.random(in: -0.001...0.001, using: &generator) }
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          guard let a = a.baseAddress, let b = b.baseAddress else { return }
          Self.checkAll(a, b, count, note: "mixed magnitudes")
        }
      }
    }
  }

  @Test func kernelsNeverReadPastTheEnd() throws {
    // Each vector ends exactly at a page followed by an inaccessible page: a load past the
    // last float faults instead of passing unnoticed.
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    let region = try #require(
      mmap(nil, 3 * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
    try #require(region != UnsafeMutableRawPointer(bitPattern: -1))
    defer { munmap(region, 3 * pageSize) }
    #expect(mprotect(region + 2 * pageSize, pageSize, PROT_NONE) == 0)
    let pageA = (region + 0).bindMemory(to: Float.self, capacity: pageSize / 4)
    let pageB = (region + pageSize).bindMemory(to: Float.self, capacity: pageSize / 4)
    var generator = SeededGenerator(seed: 77)
    for count in 0...64 {
      // `b` ends right at the guard page; `a` ends at the end of the page before it.
      let a = pageA + (pageSize / 4 - count)
      let b = pageB + (pageSize / 4 - count)
      for index in 0..<count {
        a[index] = Float.random(in: -1...1, using: &generator)
        b[index] = Float.random(in: -1...1, using: &generator)
      }
      Self.checkAll(b, a, count, note: "at a guard page")
      Self.checkAll(a, b, count, note: "at a guard page")
    }
  }

  @Test func emptyVectorsGiveZero() {
    let values: [Float] = [1, 2, 3]
    values.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      #expect(DistanceKernels.dot(base, base, 0) == 0)
      #expect(DistanceKernels.squaredL2(base, base, 0) == 0)
      #expect(DistanceKernels.portableDot(base, base, 0) == 0)
      #expect(DistanceKernels.portableSquaredL2(base, base, 0) == 0)
    }
  }

  @Test func normalizeMakesUnitLengthAndLeavesZeroAlone() {
    var generator = SeededGenerator(seed: 5)
    for count in [1, 3, 8, 33, 384, 1536] {
      var vector = randomVector(count, using: &generator)
      let original = vector
      DistanceKernels.normalize(&vector)
      let length = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
      #expect(abs(length - 1) <= 1e-5, "d=\(count): length \(length)")
      // Same direction: the cosine with the original is 1.
      let dot = zip(original, vector).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
      let originalLength = original.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
      #expect(abs(dot / originalLength - 1) <= 1e-5)
    }
    var zero = [Float](repeating: 0, count: 16)
    DistanceKernels.normalize(&zero)
    #expect(zero == [Float](repeating: 0, count: 16))
    var empty: [Float] = []
    DistanceKernels.normalize(&empty)
    #expect(empty.isEmpty)
  }

  @Test func dispatchPicksAVX2FMAExactlyWhenTheCPUHasIt() throws {
    #if arch(x86_64) && os(Linux)
    let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
    let flagsLine = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
    let flags = Set(flagsLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }))
    // Linux lists avx, avx2 and fma only when it also saves the YMM state (XSAVE enabled),
    // which is the OS half of the dispatcher's check.
    let hasAVX2FMA = ["avx", "avx2", "fma", "xsave"].allSatisfy { flags.contains($0[...]) }
    #expect(DistanceKernels.isAVX2FMAAvailable == hasAVX2FMA)
    #expect(DistanceKernels.implementationName == (hasAVX2FMA ? "avx2+fma" : "portable"))
    #elseif arch(x86_64)
    #expect(["avx2+fma", "portable"].contains(DistanceKernels.implementationName))
    #else
    #expect(DistanceKernels.implementationName == "portable")
    #expect(!DistanceKernels.isAVX2FMAAvailable)
    #endif
  }

  @Test func referenceLoopsMatchTheExactSum() {
    guard DistanceKernels.isAVX2FMAAvailable else { return }
    var generator = SeededGenerator(seed: 11)
    for count in Self.dimensions {
      let a = randomVector(count, using: &generator)
      let b = randomVector(count, using: &generator)
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          guard let a = a.baseAddress, let b = b.baseAddress else { return }
          let dot = Self.exactDot(a, b, count)
          let result = Double(DistanceKernels.referenceLoopDot(a, b, count))
          #expect(abs(result - dot.value) <= 1e-4 * dot.scale, "d=\(count)")
          let squared = Self.exactSquaredL2(a, b, count)
          let distance = Double(DistanceKernels.referenceLoopSquaredL2(a, b, count))
          #expect(abs(distance - squared) <= 1e-4 * squared, "d=\(count)")
        }
      }
    }
  }
}
