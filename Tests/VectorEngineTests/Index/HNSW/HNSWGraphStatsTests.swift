import TestSupport
import Testing

@testable import VectorEngine
@testable import Model

/// The layer and degree report of a built graph, against the graph's own link lists and the
/// bounds HNSW keeps.
struct HNSWGraphStatsTests {
  @Test func statsMatchTheLinkListsAndRespectTheBounds() {
    let m = 4
    let graph = HNSWFixtures.smallData.build(m: m, efConstruct: 40)
    let stats = graph.indexStats(segment: 7)
    #expect(stats.segment == 7)
    #expect(stats.hasGraph)
    #expect(stats.points == 300)
    #expect(stats.maxLevel == graph.maxLevel)
    #expect(stats.layers == graph.maxLevel + 1)
    #expect(stats.layers >= 2, "300 nodes with m = 4 reach above level 0")
    #expect(stats.nodesPerLayer.first == 300)
    #expect(zip(stats.nodesPerLayer, stats.nodesPerLayer.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(stats.nodesPerLayer.last ?? 0 >= 1)
    #expect(stats.maxDegreeLevel0 <= 2 * m && stats.maxDegreeLevel0 > 0)
    #expect(stats.maxDegreeUpper <= m && stats.maxDegreeUpper > 0)

    // Recount through the graph's neighbour lists.
    var perLayer = [Int](repeating: 0, count: graph.maxLevel + 1)
    var level0Links = 0
    var upperLinks = 0
    var upperLists = 0
    var level0Largest = 0
    for row in 0..<graph.count {
      let degree = graph.neighbours(of: row, level: 0).count
      level0Links += degree
      level0Largest = max(level0Largest, degree)
      for level in 0...graph.level(of: row) {
        perLayer[level] += 1
        if level > 0 {
          upperLinks += graph.neighbours(of: row, level: level).count
          upperLists += 1
        }
      }
    }
    #expect(stats.nodesPerLayer == perLayer)
    #expect(stats.maxDegreeLevel0 == level0Largest)
    #expect(stats.meanDegreeLevel0 == Double(level0Links) / 300)
    #expect(stats.meanDegreeUpper == Double(upperLinks) / Double(upperLists))
  }

  @Test func collectionInfoReportsEachSealedSegment() throws {
    let directory = TemporaryDirectory()
    var generator = SeededGenerator(seed: 31)
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "g",
      config: CollectionConfig(dimension: 8, distance: .euclid, hnswM: 8, hnswEfConstruct: 32, segmentPoints: 5_000))
    try collection.upsert(
      (0..<1_100).map { PointStruct(id: .number(UInt64($0)), vector: randomVector(8, using: &generator)) })
    try collection.flush()
    try collection.upsert(
      (1_100..<1_110).map { PointStruct(id: .number(UInt64($0)), vector: randomVector(8, using: &generator)) })
    try collection.flush()
    let stats = try collection.info().indexStats
    try #require(stats.count == 2)
    #expect(stats[0].hasGraph && stats[0].points == 1_100)
    #expect(stats[0].nodesPerLayer.first == 1_100)
    #expect(stats[0].maxDegreeLevel0 <= 16 && stats[0].maxDegreeUpper <= 8)
    #expect(!stats[1].hasGraph && stats[1].points == 10 && stats[1].layers == 0, "small segments are scanned")
  }
}
