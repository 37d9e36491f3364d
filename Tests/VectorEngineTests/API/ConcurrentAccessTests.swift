import Dispatch
import Synchronization
import Testing
import VectorEngine
@testable import Model

/// Searches, counts and retrievals run at once on several threads while another thread
/// upserts, deletes and seals: every read sees a consistent collection and every write lands.
struct ConcurrentAccessTests {
  @Test func readersShareTheCollectionWhileAWriterChangesIt() throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection(
      "c", config: CollectionConfig(dimension: 8, distance: .euclid, segmentPoints: 400))
    @Sendable func vector(_ id: Int) -> [Float] { (0..<8).map { Float(id % 97) + Float($0) * 0.01 } }
    try collection.upsert((0..<1_000).map { PointStruct(id: .number(UInt64($0)), vector: vector($0)) })
    try collection.flush()

    let problems = Mutex<[String]>([])
    let readers = 4
    let rounds = 300
    DispatchQueue.concurrentPerform(iterations: readers + 1) { worker in
      do throws(StoreError) {
        if worker == readers {
          // The writer: new points, deletions of old ones, and seals into segments.
          for round in 0..<rounds {
            let id = 1_000 + round
            try collection.upsert([
              PointStruct(id: .number(UInt64(id)), vector: vector(id), payload: ["r": .int(Int64(round))])
            ])
            try collection.delete(.ids([.number(UInt64(round))]))
            if round % 100 == 99 { try collection.flush() }
          }
          return
        }
        for round in 0..<rounds {
          let id = (worker * 7919 + round * 31) % 1_000
          let hits = try collection.search(SearchRequest(query: .vector(vector(id)), limit: 5, withPayload: false))
          if hits.count != 5 { problems.withLock { $0.append("search returned \(hits.count) hits") } }
          if zip(hits, hits.dropFirst()).contains(where: { $0.score > $1.score }) {
            problems.withLock { $0.append("search hits out of order") }
          }
          let count = try collection.count(filter: nil)
          if count != 1_000 && count != 1_001 {
            problems.withLock { $0.append("count \(count) is neither before nor after one upsert-delete pair") }
          }
          _ = try collection.retrieve([.number(UInt64(id))])
        }
      } catch {
        problems.withLock { $0.append("\(error.kind): \(error.message)") }
      }
    }
    #expect(problems.withLock { $0 } == [])
    #expect(try collection.count(filter: nil) == 1_000)
    let kept = try collection.retrieve((1_000..<1_000 + rounds).map { .number(UInt64($0)) }, withPayload: false)
    #expect(kept.count == rounds)
    #expect(try collection.retrieve((0..<rounds).map { .number(UInt64($0)) }).isEmpty)
  }

  /// Sealing (a flush or the seal a snapshot needs) and optimizing build the new segment
  /// while readers run: a read made from inside that build, on the building thread itself
  /// (which would deadlock if it held the collection's lock), completes and sees every point.
  @Test(arguments: ["flush", "snapshot", "optimize"])
  func segmentBuildsLetReadersIn(_ trigger: String) throws {
    let directory = TemporaryDirectory()
    let database = try Database(directory: directory.path)
    let collection = try database.createCollection("c", config: CollectionConfig(dimension: 4, distance: .euclid))
    try collection.upsert((0..<50).map { PointStruct(id: .number(UInt64($0)), vector: [Float($0), 0, 0, 1]) })
    if trigger == "optimize" {
      try collection.flush()
      try collection.upsert((50..<60).map { PointStruct(id: .number(UInt64($0)), vector: [Float($0), 0, 0, 1]) })
    }
    let expected = trigger == "optimize" ? 60 : 50
    let seen = Mutex<[Int]>([])
    let recorder = CrashRecorder.start(under: directory.path) { _, operation in
      guard case .write(_, let path, _, _) = operation, path.contains(".seg-") || path.hasSuffix(".seg") else { return }
      guard seen.withLock({ $0.isEmpty }) else { return }
      let count = (try? collection.count(filter: nil)) ?? -1
      seen.withLock { $0.append(count) }
    }
    defer { recorder.stop() }
    switch trigger {
    case "flush": try collection.flush()
    case "snapshot": _ = try database.createSnapshot(of: "c")
    default: try collection.optimize()
    }
    #expect(seen.withLock { $0 } == [expected])
  }
}
