import Dispatch
import Synchronization
import Model

/// Loads the graph files of several sealed segments at once, one worker per core, so opening
/// a large collection costs the slowest graph rather than the sum of them.
///
/// Thread safety: each worker reads only its own segment's immutable fields (id, row count)
/// and its own graph file; it writes its result into its own slot of `results` (the atomic
/// `next` hands each index to exactly one worker), and the caller reads the slots only after
/// `DispatchGroup.wait()` has ordered every write before the read, so no lock is needed.
final class SegmentGraphLoader: @unchecked Sendable {
  private let segments: [SealedSegment]
  private let directory: String
  private let metric: HNSWMetric
  private let next = Atomic<Int>(0)
  private let results: UnsafeMutableBufferPointer<Result<SegmentGraph, StoreError>?>

  private init(segments: [SealedSegment], directory: String, metric: HNSWMetric) {
    self.segments = segments
    self.directory = directory
    self.metric = metric
    results = .allocate(capacity: segments.count)
    results.initialize(repeating: nil)
  }

  /// Each segment's graph or the error loading it, by position in `segments`.
  ///
  /// - Complexity: O(total graph bytes / workers).
  static func load(_ segments: [SealedSegment], directory: String, metric: HNSWMetric) -> [Result<
    SegmentGraph, StoreError
  >] {
    let loader = SegmentGraphLoader(segments: segments, directory: directory, metric: metric)
    let helpers = min(System.processorCount, segments.count) - 1
    let group = DispatchGroup()
    for helper in 0..<max(helpers, 0) {
      // A queue of its own gets a thread even when Dispatch's pool is busy.
      DispatchQueue(label: "ragops.graph.load.\(helper)").async(group: group) { loader.work() }
    }
    loader.work()
    group.wait()
    return segments.indices.map {
      loader.results[$0] ?? .failure(StoreError(.io, "graph of segment \(segments[$0].id) was not loaded"))
    }
  }

  private func work() {
    while true {
      let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard index < segments.count else { return }
      let result = Result { () throws(StoreError) in
        try SegmentGraph.load(segment: segments[index], directory: directory, metric: metric)
      }
      results[index] = result
    }
  }

  deinit {
    results.deinitialize()
    results.deallocate()
  }
}
