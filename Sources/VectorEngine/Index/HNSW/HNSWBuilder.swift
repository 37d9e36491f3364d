import CEngineSupport
import Dispatch
import Synchronization

// Parallel HNSW construction (hnswlib's `addPoint`, `searchBaseLayer`,
// `getNeighborsByHeuristic2` and `mutuallyConnectNewElement`).
//
// States: levels are drawn for every row first (seeded, row order), and the link storage is
// allocated with all slots empty. Workers then take rows from an atomic counter and insert
// each one: greedy descent to the row's level, then on each level from there down to 0 a
// best-first search with `efConstruct`, the heuristic picks at most `m` neighbours, the row's
// list is written, and the row is appended to each neighbour's list; a full neighbour list
// is shrunk with the same heuristic (to `m0` on level 0, `m` above).
//
// Locking invariants:
//   - every read or write of a link list during the build holds that node's 1-byte spin
//     lock; searches copy the list out and unlock before computing distances, and only a
//     full list being shrunk stays locked while the heuristic runs over it;
//   - a thread holds at most one node lock at a time, so there is no lock order to violate;
//   - the entry point and maximum level change under `entry` (hnswlib's global lock): a row
//     whose level is above the current maximum is inserted entirely while holding it, then
//     becomes the entry point, so a walk never starts from a half-linked top node; node
//     locks are taken inside `entry`, never the other way round;
//   - a row becomes reachable on a level only after its own list on that level is written,
//     so no other thread ever appends to a list that is later overwritten.
// With one thread the insertion order is row order and the result is deterministic.

/// Inserts every row of a vector set into fresh ``HNSWLinkStorage``, on one or more threads.
///
/// Used once by ``HNSWGraph/build(vectors:metric:parameters:threads:progress:)``; not reusable.
final class HNSWBuilder<D: HNSWDistance> {
  /// The entry point and maximum level while building.
  private struct EntryState {
    var entryPoint: Int32 = -1
    var maxLevel = -1
  }

  private let storage: HNSWLinkStorage
  private let vectors: HNSWVectors
  private let efConstruct: Int
  private let m: Int
  private let locks: UnsafeMutablePointer<Atomic<UInt8>>
  private let nextRow = Atomic<Int>(0)
  private let inserted = Atomic<Int>(0)
  private let entry = Mutex(EntryState())
  private let pool: HNSWScratchPool
  private let progress: (@Sendable (Int) -> Void)?
  private let progressInterval: Int

  /// A builder filling `storage` (levels already drawn) from `vectors`.
  init(
    storage: HNSWLinkStorage, vectors: HNSWVectors, efConstruct: Int,
    progress: (@Sendable (Int) -> Void)?
  ) {
    self.storage = storage
    self.vectors = vectors
    self.efConstruct = max(1, min(efConstruct, storage.count))
    m = storage.m
    locks = UnsafeMutablePointer<Atomic<UInt8>>.allocate(capacity: max(storage.count, 1))
    for node in 0..<max(storage.count, 1) { (locks + node).initialize(to: Atomic(0)) }
    pool = HNSWScratchPool(rowCount: storage.count, maxLinks: max(storage.m0, storage.m))
    self.progress = progress
    progressInterval = max(1, min(1_000, storage.count / 100))
  }

  deinit {
    locks.deinitialize(count: max(storage.count, 1))
    locks.deallocate()
  }

  /// Inserts all rows using `threads` workers and returns the entry point and maximum level
  /// (−1 and 0 for an empty set).
  ///
  /// The workers run on threads of their own at a lowered priority (see
  /// ``System/runOnLowPriorityThreads(_:_:)``), so a build never takes a core from searches
  /// that want it; the calling thread waits for them.
  ///
  /// - Complexity: about O(count · log count · efConstruct · m) distance computations.
  func run(threads: Int) -> (entryPoint: Int32, maxLevel: Int) {
    let workers = max(1, min(threads, storage.count))
    System.runOnLowPriorityThreads(workers) { _ in self.work() }
    let state = entry.withLock { $0 }
    return state.entryPoint < 0 ? (-1, 0) : (state.entryPoint, state.maxLevel)
  }

  /// One worker: inserts rows until none are left.
  private func work() {
    let scratch = pool.take()
    defer { pool.give(scratch) }
    let count = storage.count
    while true {
      let row = nextRow.wrappingAdd(1, ordering: .relaxed).oldValue
      guard row < count else { break }
      insert(row, scratch)
      let done = inserted.wrappingAdd(1, ordering: .relaxed).newValue
      if let progress, done % progressInterval == 0 || done == count { progress(done) }
    }
  }

  /// Inserts one row (hnswlib `addPoint`).
  private func insert(_ row: Int, _ scratch: HNSWScratch) {
    let level = Int(storage.levels[row])
    let start: (entryPoint: Int32, maxLevel: Int)? = entry.withLock { state in
      if state.entryPoint < 0 {
        state = EntryState(entryPoint: Int32(row), maxLevel: level)
        return nil
      }
      if level > state.maxLevel {
        connect(row, level: level, from: Int(state.entryPoint), maxLevel: state.maxLevel, scratch)
        state = EntryState(entryPoint: Int32(row), maxLevel: level)
        return nil
      }
      return (state.entryPoint, state.maxLevel)
    }
    if let start {
      connect(row, level: level, from: Int(start.entryPoint), maxLevel: start.maxLevel, scratch)
    }
  }

  // MARK: - Locks

  @inline(__always)
  private func lock(_ node: Int) {
    let lock = locks + node
    while !lock.pointee.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged {
      while lock.pointee.load(ordering: .relaxed) != 0 {}
    }
  }

  @inline(__always)
  private func unlock(_ node: Int) {
    (locks + node).pointee.store(0, ordering: .releasing)
  }

  /// Copies `node`'s links on `level` into `buffer` under its lock; returns how many.
  @inline(__always)
  private func copyLinks(_ node: Int, level: Int, into buffer: UnsafeMutablePointer<UInt32>) -> Int {
    lock(node)
    let list = storage.list(node, level: level)
    let linkCount = Int(list[0])
    buffer.update(from: list + 1, count: linkCount)
    unlock(node)
    return linkCount
  }

  // MARK: - Insertion

  @inline(__always)
  private func vector(_ row: Int) -> UnsafePointer<Float> {
    (vectors.base + row &* vectors.stride).assumingMemoryBound(to: Float.self)
  }

  /// Links `row` (top level `level`) into the graph whose entry point is `entryPoint` at
  /// `maxLevel`.
  private func connect(_ row: Int, level: Int, from entryPoint: Int, maxLevel: Int, _ scratch: HNSWScratch) {
    let query = vector(row)
    let dimension = vectors.dimension
    var current = entryPoint
    var currentDistance = D.distance(query, vector(current), dimension)
    var layer = maxLevel
    while layer > level {
      var changed = true
      while changed {
        changed = false
        let linkCount = copyLinks(current, level: layer, into: scratch.links)
        for index in 0..<linkCount {
          let candidate = Int(scratch.links[index])
          let distance = D.distance(query, vector(candidate), dimension)
          if distance < currentDistance {
            currentDistance = distance
            current = candidate
            changed = true
          }
        }
      }
      layer -= 1
    }
    layer = min(level, maxLevel)
    while layer >= 0 {
      let found = searchLayer(row, from: current, distance: currentDistance, level: layer, scratch)
      let results = scratch.results
      let kept = selectNeighbours(results, found, limit: m)
      lock(row)
      let list = storage.list(row, level: layer)
      for index in 0..<kept { list[1 + index] = HNSWHeap.row(results[index]) }
      list[0] = UInt32(kept)
      unlock(row)
      for index in 0..<kept {
        addLink(
          from: Int(HNSWHeap.row(results[index])), to: row, distance: HNSWHeap.distance(results[index]),
          level: layer, scratch)
      }
      if kept > 0 {
        current = Int(HNSWHeap.row(results[0]))
        currentDistance = HNSWHeap.distance(results[0])
      }
      layer -= 1
    }
  }

  /// Best-first search of `level` for the `efConstruct` nodes nearest to `row`, from `start`
  /// (hnswlib `searchBaseLayer`); leaves them in `scratch.results`, ascending, and returns
  /// how many.
  private func searchLayer(
    _ row: Int, from start: Int, distance startDistance: Float, level: Int,
    _ scratch: HNSWScratch
  ) -> Int {
    let width = efConstruct
    scratch.reserveResults(width + 1)
    let query = vector(row)
    let base = vectors.base
    let stride = vectors.stride
    let dimension = vectors.dimension
    let vectorBytes = dimension &* 4
    let tags = scratch.tags
    let tag = scratch.nextGeneration()
    var candidates = scratch.candidates
    var candidateCapacity = scratch.candidateCapacity
    let results = scratch.results
    let links = scratch.links
    let gathered = scratch.gathered
    var candidateCount = 0
    var resultCount = 0

    tags[row] = tag
    tags[start] = tag
    let startKey = HNSWHeap.key(startDistance, UInt32(start))
    HNSWHeap.pushMin(candidates, &candidateCount, startKey)
    HNSWHeap.pushMax(results, &resultCount, startKey)
    var worst = startKey
    while candidateCount > 0 {
      let nearest = candidates[0]
      if nearest > worst && resultCount == width { break }
      HNSWHeap.popMin(candidates, &candidateCount)
      let linkCount = copyLinks(Int(HNSWHeap.row(nearest)), level: level, into: links)
      var gatheredCount = 0
      for index in 0..<linkCount {
        let neighbour = links[index]
        if tags[Int(neighbour)] != tag {
          tags[Int(neighbour)] = tag
          gathered[gatheredCount] = neighbour
          gatheredCount &+= 1
          ragops_prefetch(base + Int(neighbour) &* stride)
        }
      }
      var next = 0
      while next < gatheredCount {
        let neighbour = gathered[next]
        next &+= 1
        if next < gatheredCount {
          ragops_prefetch_range(base + Int(gathered[next]) &* stride, vectorBytes)
        }
        let distance = D.distance(
          query, (base + Int(neighbour) &* stride).assumingMemoryBound(to: Float.self), dimension)
        let key = HNSWHeap.key(distance, neighbour)
        guard resultCount < width || key < worst else { continue }
        if candidateCount == candidateCapacity {
          candidates = scratch.growCandidates(keeping: candidateCount)
          candidateCapacity = scratch.candidateCapacity
        }
        HNSWHeap.pushMin(candidates, &candidateCount, key)
        if resultCount < width {
          HNSWHeap.pushMax(results, &resultCount, key)
        } else {
          HNSWHeap.replaceMax(results, resultCount, key)
        }
        worst = results[0]
      }
    }
    HNSWHeap.sortMaxHeapAscending(results, resultCount)
    return resultCount
  }

  /// hnswlib's `getNeighborsByHeuristic2` on `keys[0..<count]` (ascending distance to the
  /// node being linked): keeps a candidate only if it is nearer to that node than to every
  /// candidate already kept, until `limit` are kept; fewer than `limit` candidates are all
  /// kept. Compacts the kept keys to the front, in order, and returns how many.
  ///
  /// - Complexity: O(count · limit) distance computations at worst.
  private func selectNeighbours(_ keys: UnsafeMutablePointer<UInt64>, _ count: Int, limit: Int) -> Int {
    if count < limit { return count }
    let dimension = vectors.dimension
    var kept = 0
    var index = 0
    while index < count && kept < limit {
      let key = keys[index]
      index += 1
      let candidate = vector(Int(HNSWHeap.row(key)))
      let candidateDistance = HNSWHeap.distance(key)
      var good = true
      var other = 0
      while other < kept {
        if D.distance(candidate, vector(Int(HNSWHeap.row(keys[other]))), dimension) < candidateDistance {
          good = false
          break
        }
        other += 1
      }
      if good {
        keys[kept] = key
        kept += 1
      }
    }
    return kept
  }

  /// Appends `row` to `neighbour`'s list on `level`, shrinking the list with the heuristic
  /// when it is full (the second half of hnswlib `mutuallyConnectNewElement`).
  private func addLink(from neighbour: Int, to row: Int, distance: Float, level: Int, _ scratch: HNSWScratch) {
    let capacity = storage.capacity(level: level)
    let dimension = vectors.dimension
    lock(neighbour)
    defer { unlock(neighbour) }
    let list = storage.list(neighbour, level: level)
    let linkCount = Int(list[0])
    if linkCount < capacity {
      list[1 + linkCount] = UInt32(row)
      list[0] = UInt32(linkCount + 1)
      return
    }
    let keys = scratch.shrink
    let origin = vector(neighbour)
    keys[0] = HNSWHeap.key(distance, UInt32(row))
    for index in 0..<linkCount {
      let other = list[1 + index]
      keys[1 + index] = HNSWHeap.key(D.distance(origin, vector(Int(other)), dimension), other)
    }
    HNSWHeap.insertionSort(keys, linkCount + 1)
    let kept = selectNeighbours(keys, linkCount + 1, limit: capacity)
    for index in 0..<kept { list[1 + index] = HNSWHeap.row(keys[index]) }
    for index in kept..<linkCount { list[1 + index] = 0 }
    list[0] = UInt32(kept)
  }
}

// Shared by the build's workers: the link storage is written only under the per-node spin
// locks, the entry point under `entry`, the counters are atomics, and everything else is
// immutable after `init`.
extension HNSWBuilder: @unchecked Sendable {}
