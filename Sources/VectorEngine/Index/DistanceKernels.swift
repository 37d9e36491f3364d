/// Portable SIMD distance kernels over raw float pointers.
///
/// Four 8-lane accumulators hide the add latency; a scalar loop handles the tail. These are
/// the kernels the exact scan uses; the scalar versions are the reference for tests.
enum DistanceKernels {
  /// The dot product of two `count`-float vectors.
  ///
  /// - Complexity: O(count).
  @inline(__always)
  static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var index = 0
    while index + 32 <= count {
      let offset = index * 4
      s0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      s1 += ra.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
      s2 += ra.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<Float>.self)
      s3 += ra.loadUnaligned(fromByteOffset: offset + 96, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: offset + 96, as: SIMD8<Float>.self)
      index += 32
    }
    while index + 8 <= count {
      let offset = index * 4
      s0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      index += 8
    }
    var sum = ((s0 + s1) + (s2 + s3)).sum()
    while index < count {
      sum += a[index] * b[index]
      index += 1
    }
    return sum
  }

  /// The squared Euclidean distance of two `count`-float vectors.
  ///
  /// - Complexity: O(count).
  @inline(__always)
  static func squaredL2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var index = 0
    while index + 32 <= count {
      let offset = index * 4
      let d0 = ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      let d1 = ra.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
      let d2 = ra.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<Float>.self)
      let d3 = ra.loadUnaligned(fromByteOffset: offset + 96, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: offset + 96, as: SIMD8<Float>.self)
      s0 += d0 * d0
      s1 += d1 * d1
      s2 += d2 * d2
      s3 += d3 * d3
      index += 32
    }
    while index + 8 <= count {
      let offset = index * 4
      let d = ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) - rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      s0 += d * d
      index += 8
    }
    var sum = ((s0 + s1) + (s2 + s3)).sum()
    while index < count {
      let d = a[index] - b[index]
      sum += d * d
      index += 1
    }
    return sum
  }

  /// Scales `vector` to unit length in place; a zero vector stays zero.
  ///
  /// - Complexity: O(count).
  static func normalize(_ vector: inout [Float]) {
    let norm = vector.withUnsafeBufferPointer { buffer -> Float in
      guard let base = buffer.baseAddress else { return 0 }
      return dot(base, base, buffer.count).squareRoot()
    }
    guard norm > 0, norm.isFinite else { return }
    for index in vector.indices { vector[index] /= norm }
  }
}
