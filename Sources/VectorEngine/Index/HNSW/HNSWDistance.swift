/// A distance function the graph's hot loops are specialized for, one conforming type per
/// ``HNSWMetric``, so the walk and the build compile without a metric switch per distance.
protocol HNSWDistance: Sendable {
  /// The distance between two `dimension`-float vectors; smaller is nearer.
  ///
  /// - Complexity: O(dimension).
  static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float
}

/// ``HNSWMetric/innerProduct``: the negated dot product.
enum HNSWInnerProduct: HNSWDistance {
  /// `-(a · b)`.
  ///
  /// - Complexity: O(dimension).
  @inline(__always)
  static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
    -DistanceKernels.dot(a, b, dimension)
  }
}

/// ``HNSWMetric/squaredL2``: the squared Euclidean distance.
enum HNSWSquaredL2: HNSWDistance {
  /// `‖a − b‖²`.
  ///
  /// - Complexity: O(dimension).
  @inline(__always)
  static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
    DistanceKernels.squaredL2(a, b, dimension)
  }
}
