import CEngineSupport

/// Distance kernels over raw float pointers: the dot product and the squared Euclidean distance.
///
/// ``dot(_:_:_:)`` and ``squaredL2(_:_:_:)`` call the C kernels in `CEngineSupport`, whose
/// implementation is chosen once at process start from the CPU's features: AVX2+FMA (four
/// 8-lane FMA accumulators, masked loads for the last 1…7 floats) where the CPU and OS support
/// it, otherwise a portable kernel (SSE2 on x86-64, plain C elsewhere). No call tests CPU
/// features. Cosine similarity is ``dot(_:_:_:)`` on vectors made unit length once, at insert
/// (``normalize(_:)``).
///
/// The `portable…`, `referenceLoop…` and `scalar…` functions exist for tests and for
/// `ragops bench kernels`: the fallback kernel, a plain one-accumulator AVX2+FMA C loop, and
/// plain Swift loops (the scalar reference).
package enum DistanceKernels {
  /// The kernels ``dot(_:_:_:)`` and ``squaredL2(_:_:_:)`` use: `"avx2+fma"` or `"portable"`.
  package static var implementationName: String { String(cString: ragops_kernels_name()) }

  /// Whether this CPU and OS run AVX2+FMA code, so the dispatched kernels use it and the
  /// `referenceLoop…` functions may be called.
  package static var isAVX2FMAAvailable: Bool { ragops_kernels_has_avx2_fma() != 0 }

  /// The dot product of two `count`-float vectors.
  ///
  /// Any `count` ≥ 0 and any float alignment; reads exactly `count` floats from each pointer.
  ///
  /// - Complexity: O(count).
  @inlinable @inline(__always)
  package static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int)
    -> Float
  {
    ragops_dot_f32(a, b, count)
  }

  /// The squared Euclidean distance of two `count`-float vectors.
  ///
  /// Any `count` ≥ 0 and any float alignment; reads exactly `count` floats from each pointer.
  ///
  /// - Complexity: O(count).
  @inlinable @inline(__always)
  package static func squaredL2(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    ragops_l2sq_f32(a, b, count)
  }

  /// Scales `vector` to unit length in place; a zero vector, or one whose squared length
  /// overflows `Float`, stays as it is.
  ///
  /// - Complexity: O(count).
  package static func normalize(_ vector: inout [Float]) {
    vector.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let norm = ragops_dot_f32(base, base, buffer.count).squareRoot()
      guard norm > 0, norm.isFinite else { return }
      for index in buffer.indices { buffer[index] /= norm }
    }
  }

  /// The dot product computed by the portable kernel, whatever the CPU.
  ///
  /// - Complexity: O(count).
  @inlinable @inline(__always)
  package static func portableDot(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    ragops_dot_f32_portable(a, b, count)
  }

  /// The squared Euclidean distance computed by the portable kernel, whatever the CPU.
  ///
  /// - Complexity: O(count).
  @inlinable @inline(__always)
  package static func portableSquaredL2(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    ragops_l2sq_f32_portable(a, b, count)
  }

  /// The dot product computed by a plain one-accumulator AVX2+FMA C loop: the hand-written
  /// baseline of the benchmark, never used by the engine.
  ///
  /// - Precondition: ``isAVX2FMAAvailable``; on other x86-64 CPUs the call stops the process
  ///   with an illegal instruction (it is not checked, to keep the baseline bare).
  /// - Complexity: O(count).
  @inlinable @inline(__always)
  package static func referenceLoopDot(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    ragops_dot_f32_reference_avx2(a, b, count)
  }

  /// The squared Euclidean distance computed by a plain one-accumulator AVX2+FMA C loop: the
  /// benchmark's baseline, never used by the engine.
  ///
  /// - Precondition: ``isAVX2FMAAvailable`` (see ``referenceLoopDot(_:_:_:)``).
  /// - Complexity: O(count).
  @inlinable @inline(__always)
  package static func referenceLoopSquaredL2(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    ragops_l2sq_f32_reference_avx2(a, b, count)
  }

  /// The dot product as a plain Swift loop, one multiply-add at a time: the scalar reference.
  ///
  /// Never inlined, so a benchmark measures one real call per distance.
  ///
  /// - Complexity: O(count).
  @inline(never)
  package static func scalarDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int)
    -> Float
  {
    var sum: Float = 0
    for index in 0..<count { sum += a[index] * b[index] }
    return sum
  }

  /// The squared Euclidean distance as a plain Swift loop: the scalar reference.
  ///
  /// Never inlined, so a benchmark measures one real call per distance.
  ///
  /// - Complexity: O(count).
  @inline(never)
  package static func scalarSquaredL2(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    var sum: Float = 0
    for index in 0..<count {
      let difference = a[index] - b[index]
      sum += difference * difference
    }
    return sum
  }
}

extension DistanceKernels: Sendable {}
