import Model

extension HNSWGraph {
  /// The graph's layer sizes and link counts, read from the link lists as stored.
  ///
  /// - Parameters:
  ///   - segment: the segment id to report.
  /// - Complexity: O(count + upper lists): one read of each list's count word.
  func indexStats(segment: Int) -> SegmentIndexStats {
    guard count > 0 else {
      return SegmentIndexStats(
        segment: segment, points: 0, hasGraph: true, maxLevel: 0, nodesPerLayer: [],
        meanDegreeLevel0: 0, maxDegreeLevel0: 0, meanDegreeUpper: 0, maxDegreeUpper: 0)
    }
    var perLayer = [Int](repeating: 0, count: maxLevel + 1)
    var level0Total = 0
    var level0Largest = 0
    var upperTotal = 0
    var upperLargest = 0
    var upperLists = 0
    for node in 0..<count {
      let degree = Int(storage.level0[node &* storage.level0Words])
      level0Total += degree
      level0Largest = max(level0Largest, degree)
      let top = Int(storage.levels[node])
      perLayer[0] += 1
      guard top > 0 else { continue }
      for level in 1...top {
        perLayer[level] += 1
        let links = Int(storage.list(node, level: level)[0])
        upperTotal += links
        upperLargest = max(upperLargest, links)
        upperLists += 1
      }
    }
    return SegmentIndexStats(
      segment: segment, points: count, hasGraph: true, maxLevel: maxLevel, nodesPerLayer: perLayer,
      meanDegreeLevel0: Double(level0Total) / Double(count), maxDegreeLevel0: level0Largest,
      meanDegreeUpper: upperLists == 0 ? 0 : Double(upperTotal) / Double(upperLists),
      maxDegreeUpper: upperLargest)
  }
}
