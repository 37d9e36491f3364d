/// The link lists of an HNSW graph in flat buffers of fixed-size slots: the in-memory form of
/// the graph file's four sections.
///
/// - `levels[node]`: the node's top level.
/// - `level0`: one slot of `1 + m0` words per node: the link count, then up to `m0` rows
///   (hnswlib's level-0 record without the vector, which stays in the segment file).
/// - `upperOffsets[node]`: for a node above level 0, the index of its first upper slot; its
///   level-`l` list (`1 ≤ l ≤ levels[node]`) is upper slot `upperOffsets[node] + l − 1`.
///   ``noUpperSlots`` for level-0 nodes. Slots are handed out in row order.
/// - `upper`: `upperSlotCount` slots of `1 + m` words: the count, then up to `m` rows.
///
/// A value type of unowned pointers: the owner (``HNSWGraph``) calls ``deallocate()`` once.
/// Unused link words are zero.
struct HNSWLinkStorage {
  /// `upperOffsets` value of a node without upper levels.
  static let noUpperSlots = UInt32.max

  /// The number of nodes (rows).
  let count: Int
  /// Links per upper-level list.
  let m: Int
  /// Links per level-0 list.
  let m0: Int
  /// Words per level-0 slot: `1 + m0`.
  let level0Words: Int
  /// Words per upper slot: `1 + m`.
  let upperWords: Int
  /// The number of upper slots: the sum of all node levels.
  let upperSlotCount: Int
  /// Each node's top level.
  let levels: UnsafeMutablePointer<UInt8>
  /// The level-0 slots.
  let level0: UnsafeMutablePointer<UInt32>
  /// Each node's first upper slot.
  let upperOffsets: UnsafeMutablePointer<UInt32>
  /// The upper slots.
  let upper: UnsafeMutablePointer<UInt32>

  /// Allocates zeroed storage for nodes with the given top levels; slots are assigned in
  /// row order.
  ///
  /// - Complexity: O(count · m0).
  static func allocate(levels nodeLevels: [UInt8], m: Int, m0: Int) -> HNSWLinkStorage {
    let count = nodeLevels.count
    let levels = allocateWords(UInt8.self, count)
    let upperOffsets = allocateWords(UInt32.self, count)
    var next = 0
    for node in 0..<count {
      let level = Int(nodeLevels[node])
      levels[node] = nodeLevels[node]
      upperOffsets[node] = level == 0 ? noUpperSlots : UInt32(next)
      next += level
      precondition(next < Int(noUpperSlots), "HNSW graph has too many upper-level lists")
    }
    return HNSWLinkStorage(
      count: count, m: m, m0: m0, upperSlotCount: next, levels: levels,
      level0: allocateWords(UInt32.self, count * (1 + m0)),
      upperOffsets: upperOffsets, upper: allocateWords(UInt32.self, next * (1 + m)))
  }

  /// Wraps allocated buffers (the decoder fills them from a file).
  init(
    count: Int, m: Int, m0: Int, upperSlotCount: Int, levels: UnsafeMutablePointer<UInt8>,
    level0: UnsafeMutablePointer<UInt32>, upperOffsets: UnsafeMutablePointer<UInt32>,
    upper: UnsafeMutablePointer<UInt32>
  ) {
    self.count = count
    self.m = m
    self.m0 = m0
    level0Words = 1 + m0
    upperWords = 1 + m
    self.upperSlotCount = upperSlotCount
    self.levels = levels
    self.level0 = level0
    self.upperOffsets = upperOffsets
    self.upper = upper
  }

  /// Allocates `count` zeroed elements, 64-byte aligned (at least one, so empty graphs need
  /// no special case).
  ///
  /// - Complexity: O(count).
  static func allocateWords<Word: FixedWidthInteger>(_: Word.Type, _ count: Int) -> UnsafeMutablePointer<Word> {
    let capacity = max(count, 1)
    let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Word>.stride, alignment: 64)
    return raw.initializeMemory(as: Word.self, repeating: 0, count: capacity)
  }

  /// Frees the buffers; the storage must not be used afterwards.
  func deallocate() {
    UnsafeMutableRawPointer(levels).deallocate()
    UnsafeMutableRawPointer(level0).deallocate()
    UnsafeMutableRawPointer(upperOffsets).deallocate()
    UnsafeMutableRawPointer(upper).deallocate()
  }

  /// The link list (count word, then rows) of `node` at `level` (≤ the node's level).
  @inline(__always)
  func list(_ node: Int, level: Int) -> UnsafeMutablePointer<UInt32> {
    if level == 0 { return level0 + node &* level0Words }
    return upper + (Int(upperOffsets[node]) &+ level &- 1) &* upperWords
  }

  /// The number of links `node` may keep at `level`.
  @inline(__always)
  func capacity(level: Int) -> Int { level == 0 ? m0 : m }

  /// The first structural problem found, or `nil`: link counts within capacity, rows in
  /// range, no self links, no duplicate links, every neighbour present on the list's level,
  /// upper slots assigned in row order, levels at most `maxLevel`, and `entryPoint` a node
  /// of level `maxLevel` (or −1 exactly when the graph is empty).
  ///
  /// - Complexity: O(count · m0).
  ///
  /// With `thorough` off (the load path), level-0 lists are checked only for what search needs
  /// to stay in bounds (counts, ids in range, no self links); duplicate level-0 links and the
  /// cache-missing level lookups are skipped, because they cost a random access per link on
  /// million-point graphs and are harmless to search. Upper levels are always checked fully.
  func structuralProblem(entryPoint: Int32, maxLevel: Int, thorough: Bool = true) -> String? {
    if count == 0 {
      return entryPoint == -1 && maxLevel == 0 ? nil : "an empty graph has an entry point or levels"
    }
    guard entryPoint >= 0, Int(entryPoint) < count else { return "entry point \(entryPoint) is out of range" }
    guard Int(levels[Int(entryPoint)]) == maxLevel else {
      return "entry point \(entryPoint) has level \(levels[Int(entryPoint)]), not the maximum \(maxLevel)"
    }
    var nextSlot = 0
    for node in 0..<count {
      let level = Int(levels[node])
      guard level <= maxLevel else { return "node \(node) has level \(level) above the maximum \(maxLevel)" }
      let expected = level == 0 ? Self.noUpperSlots : UInt32(truncatingIfNeeded: nextSlot)
      guard upperOffsets[node] == expected else { return "node \(node) has a wrong upper-level offset" }
      nextSlot += level
    }
    guard nextSlot == upperSlotCount else { return "the upper levels need \(nextSlot) slots, not \(upperSlotCount)" }
    // Duplicate detection: stamp each neighbour with the index of the list being checked.
    let stamps = Self.allocateWords(UInt64.self, count)
    defer { UnsafeMutableRawPointer(stamps).deallocate() }
    var stamp: UInt64 = 0
    for node in 0..<count {
      for level in 0...Int(levels[node]) {
        stamp += 1
        let links = list(node, level: level)
        let linkCount = Int(links[0])
        guard linkCount <= capacity(level: level) else {
          return "node \(node) has \(linkCount) links on level \(level), more than \(capacity(level: level))"
        }
        for index in 0..<linkCount {
          let neighbour = Int(links[1 + index])
          guard neighbour < count else { return "node \(node) links to row \(neighbour), out of range" }
          guard neighbour != node else { return "node \(node) links to itself on level \(level)" }
          if level == 0 && !thorough { continue }
          guard Int(levels[neighbour]) >= level else {
            return "node \(node) links on level \(level) to node \(neighbour), which is not on that level"
          }
          guard stamps[neighbour] != stamp else { return "node \(node) links twice to \(neighbour) on level \(level)" }
          stamps[neighbour] = stamp
        }
      }
    }
    return nil
  }
}
