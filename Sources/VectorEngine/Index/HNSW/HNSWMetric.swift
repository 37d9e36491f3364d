/// How an HNSW graph measures the distance between two vectors; smaller is nearer.
///
/// The raw value is the metric's code in the graph file.
enum HNSWMetric: UInt32, Hashable, Sendable {
  /// The negated dot product, `-(a · b)`: cosine collections (vectors normalized at insert)
  /// and dot-product collections.
  case innerProduct = 0
  /// The squared Euclidean distance, `‖a − b‖²`.
  case squaredL2 = 1

  /// The distance between two `dimension`-float vectors under this metric.
  ///
  /// - Complexity: O(dimension).
  func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, dimension: Int) -> Float {
    switch self {
    case .innerProduct: HNSWInnerProduct.distance(a, b, dimension)
    case .squaredL2: HNSWSquaredL2.distance(a, b, dimension)
    }
  }
}
