/// Binary heaps of packed `(distance, row)` keys in caller-owned flat buffers: the candidate
/// min-heap and the result max-heap of the graph walks.
///
/// A key is the distance mapped to a `UInt32` whose unsigned order is the float order, in the
/// high half, and the row in the low half. Comparing keys compares distances, ties broken by
/// row, with one integer comparison; moving one moves a single word. All functions work on
/// raw pointers so the walks keep them in registers (no `Array`, no ARC, no exclusivity
/// checks in the loops).
enum HNSWHeap {
  /// The key of `row` at `distance`.
  @inline(__always)
  static func key(_ distance: Float, _ row: UInt32) -> UInt64 {
    let bits = distance.bitPattern
    let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    return UInt64(ordered) << 32 | UInt64(row)
  }

  /// The distance stored in `key` (exactly the float given to ``key(_:_:)``).
  @inline(__always)
  static func distance(_ key: UInt64) -> Float {
    let ordered = UInt32(truncatingIfNeeded: key >> 32)
    return Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
  }

  /// The row stored in `key`.
  @inline(__always)
  static func row(_ key: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: key)
  }

  /// Adds `key` to the min-heap `heap[0..<count]`; the buffer must have room for one more.
  ///
  /// - Complexity: O(log count).
  @inline(__always)
  static func pushMin(_ heap: UnsafeMutablePointer<UInt64>, _ count: inout Int, _ key: UInt64) {
    var child = count
    count += 1
    while child > 0 {
      let parent = (child &- 1) >> 1
      let above = heap[parent]
      if above <= key { break }
      heap[child] = above
      child = parent
    }
    heap[child] = key
  }

  /// Removes the smallest key of the non-empty min-heap `heap[0..<count]`.
  ///
  /// - Complexity: O(log count).
  @inline(__always)
  static func popMin(_ heap: UnsafeMutablePointer<UInt64>, _ count: inout Int) {
    count -= 1
    let last = heap[count]
    let size = count
    var parent = 0
    while true {
      var child = 2 &* parent &+ 1
      if child >= size { break }
      var smallest = heap[child]
      if child &+ 1 < size {
        let right = heap[child &+ 1]
        if right < smallest {
          smallest = right
          child &+= 1
        }
      }
      if last <= smallest { break }
      heap[parent] = smallest
      parent = child
    }
    heap[parent] = last
  }

  /// Adds `key` to the max-heap `heap[0..<count]`; the buffer must have room for one more.
  ///
  /// - Complexity: O(log count).
  @inline(__always)
  static func pushMax(_ heap: UnsafeMutablePointer<UInt64>, _ count: inout Int, _ key: UInt64) {
    var child = count
    count += 1
    while child > 0 {
      let parent = (child &- 1) >> 1
      let above = heap[parent]
      if above >= key { break }
      heap[child] = above
      child = parent
    }
    heap[child] = key
  }

  /// Replaces the largest key of the non-empty max-heap `heap[0..<count]` with `key`.
  ///
  /// - Complexity: O(log count).
  @inline(__always)
  static func replaceMax(_ heap: UnsafeMutablePointer<UInt64>, _ count: Int, _ key: UInt64) {
    var parent = 0
    while true {
      var child = 2 &* parent &+ 1
      if child >= count { break }
      var largest = heap[child]
      if child &+ 1 < count {
        let right = heap[child &+ 1]
        if right > largest {
          largest = right
          child &+= 1
        }
      }
      if key >= largest { break }
      heap[parent] = largest
      parent = child
    }
    heap[parent] = key
  }

  /// Removes the largest key of the non-empty max-heap `heap[0..<count]`.
  ///
  /// - Complexity: O(log count).
  @inline(__always)
  static func popMax(_ heap: UnsafeMutablePointer<UInt64>, _ count: inout Int) {
    count -= 1
    if count > 0 { replaceMax(heap, count, heap[count]) }
  }

  /// Sorts the max-heap `heap[0..<count]` into ascending order in place (heapsort's second
  /// half).
  ///
  /// - Complexity: O(count log count).
  static func sortMaxHeapAscending(_ heap: UnsafeMutablePointer<UInt64>, _ count: Int) {
    var size = count
    while size > 1 {
      let largest = heap[0]
      size -= 1
      replaceMax(heap, size, heap[size])
      heap[size] = largest
    }
  }

  /// Sorts `keys[0..<count]` ascending; for the short lists of a node's links.
  ///
  /// - Complexity: O(count²), fine for count ≤ 2m + 1.
  @inline(__always)
  static func insertionSort(_ keys: UnsafeMutablePointer<UInt64>, _ count: Int) {
    var index = 1
    while index < count {
      let key = keys[index]
      var slot = index
      while slot > 0 && keys[slot &- 1] > key {
        keys[slot] = keys[slot &- 1]
        slot &-= 1
      }
      keys[slot] = key
      index &+= 1
    }
  }
}
