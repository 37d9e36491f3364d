import Model

/// Principal component analysis of a sample of vectors, for the Visualize tab.
enum Projection {
  /// The first two principal components of `vectors` (power iteration with deflation,
  /// seeded, so the same sample gives the same picture).
  ///
  /// - Returns: one (x, y) per vector.
  /// - Complexity: O(iterations × n × d).
  static func principalPlane(_ vectors: [[Float]], iterations: Int = 40) -> [(Double, Double)] {
    guard let dimension = vectors.first?.count, dimension > 0 else { return vectors.map { _ in (0, 0) } }
    let count = Double(vectors.count)
    var mean = [Double](repeating: 0, count: dimension)
    for vector in vectors { for index in 0..<dimension { mean[index] += Double(vector[index]) / count } }
    let centered = vectors.map { vector in (0..<dimension).map { Double(vector[$0]) - mean[$0] } }
    var components: [[Double]] = []
    var seed: UInt64 = 0x5EED
    for _ in 0..<2 {
      var direction = (0..<dimension).map { _ -> Double in
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(seed >> 33) / Double(1 << 31) - 0.5
      }
      for _ in 0..<iterations {
        var next = [Double](repeating: 0, count: dimension)
        for row in centered {
          var projection = 0.0
          for index in 0..<dimension { projection += row[index] * direction[index] }
          for index in 0..<dimension { next[index] += projection * row[index] }
        }
        for component in components {
          let overlap = zip(next, component).reduce(0) { $0 + $1.0 * $1.1 }
          for index in 0..<dimension { next[index] -= overlap * component[index] }
        }
        let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { break }
        direction = next.map { $0 / norm }
      }
      components.append(direction)
    }
    return centered.map { row in
      (zip(row, components[0]).reduce(0) { $0 + $1.0 * $1.1 }, zip(row, components[1]).reduce(0) { $0 + $1.0 * $1.1 })
    }
  }

  /// The point nearest to `points[from]` in the direction `towards` (x right, y up), or
  /// `from` when there is none that way.
  ///
  /// - Complexity: O(n).
  static func nearest(in points: [ProjectedPoint], from: Int, towards: (Double, Double)) -> Int {
    guard points.indices.contains(from) else { return 0 }
    let origin = points[from]
    let xs = points.map(\.x)
    let ys = points.map(\.y)
    let xSpan = max(1e-12, (xs.max() ?? 0) - (xs.min() ?? 0))
    let ySpan = max(1e-12, (ys.max() ?? 0) - (ys.min() ?? 0))
    var best = from
    var bestCost = Double.infinity
    for (index, point) in points.enumerated() where index != from {
      let dx = (point.x - origin.x) / xSpan
      let dy = (point.y - origin.y) / ySpan
      let along = dx * towards.0 + dy * towards.1
      guard along > 0 else { continue }
      let across = abs(dx * towards.1 - dy * towards.0)
      let cost = along + 3 * across
      if cost < bestCost {
        bestCost = cost
        best = index
      }
    }
    return best
  }
}
