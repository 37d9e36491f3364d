/// A sealed segment's HNSW graph and the mapping its file lives in (`seg-<id>.hnsw`).
///
/// The graph file is written after the segment file and before the manifest that names it,
/// so a crash while writing it leaves the previous state; a missing or damaged file found on
/// open is rebuilt from the segment's vectors, with a note.
import Model

final class SegmentGraph {
  let graph: HNSWGraph
  /// Keeps the file's bytes alive while the graph may point into them.
  private let region: MappedRegion?

  init(graph: HNSWGraph, region: MappedRegion?) {
    self.graph = graph
    self.region = region
  }

  static func fileName(segment: Int) -> String {
    SegmentFormat.fileName(segment: segment).replacingSuffix(".seg", with: ".hnsw")
  }

  /// The metric the graph uses for a collection distance.
  static func metric(for distance: Distance) -> HNSWMetric {
    distance == .euclid ? .squaredL2 : .innerProduct
  }

  /// Maps and validates the graph file of `segment`, whose links must have been chosen by
  /// `metric` (a graph built for another distance finds the wrong neighbours).
  static func load(segment: SealedSegment, directory: String, metric: HNSWMetric) throws(StoreError) -> SegmentGraph {
    let path = directory + "/" + fileName(segment: segment.id)
    let region: MappedRegion
    do {
      region = try MappedRegion(path: path, populate: true)
    } catch {
      if error.code == System.errnoNotFound { throw StoreError(.corrupted, "corrupt data: \(path) is missing") }
      throw StoreError.from(error)
    }
    let graph: HNSWGraph
    do {
      graph = try HNSWGraph(decoding: region.bytes, rowCount: segment.count, path: path)
    } catch {
      throw StoreError.from(error)
    }
    guard graph.metric == metric else {
      throw StoreError(
        .corrupted,
        "corrupt data: \(path): the graph was built for metric \(graph.metric), the collection's distance needs \(metric)"
      )
    }
    return SegmentGraph(graph: graph, region: region)
  }

  /// Builds a graph over `segment`'s vectors and publishes its file.
  ///
  /// - Complexity: O(n log n · efConstruct) distance computations, spread over `threads`.
  static func build(segment: SealedSegment, config: CollectionConfig, threads: Int, directory: String)
    throws(StoreError) -> SegmentGraph
  {
    let graph = HNSWGraph.build(
      vectors: segment.vectors, metric: metric(for: config.distance),
      parameters: HNSWParameters(m: config.hnswM, efConstruct: config.hnswEfConstruct, seed: UInt64(segment.id)),
      threads: threads)
    do {
      try DurableFile.publish(graph.encoded, as: fileName(segment: segment.id), in: directory)
    } catch {
      throw StoreError.from(error)
    }
    return SegmentGraph(graph: graph, region: nil)
  }
}
