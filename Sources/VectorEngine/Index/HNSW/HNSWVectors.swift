/// The vectors an HNSW graph indexes: `count` rows of `dimension` floats, `stride` bytes apart,
/// starting at `base`.
///
/// The memory is not owned: the caller keeps it alive and unchanged for as long as the graph
/// is built or searched over it (a sealed segment's mapping, typically).
struct HNSWVectors {
  /// The first row's first float.
  let base: UnsafeRawPointer
  /// Bytes between the starts of consecutive rows (at least `dimension × 4`, a multiple of 4).
  let stride: Int
  /// The number of rows.
  let count: Int
  /// Floats per row.
  let dimension: Int

  /// Describes `count` rows of `dimension` floats, `stride` bytes apart, from `base`.
  init(base: UnsafeRawPointer, stride: Int, count: Int, dimension: Int) {
    precondition(dimension > 0 && count >= 0, "HNSWVectors needs a positive dimension")
    precondition(stride >= dimension * 4 && stride % 4 == 0, "HNSWVectors stride too small or misaligned")
    self.base = base
    self.stride = stride
    self.count = count
    self.dimension = dimension
  }

  /// Row `row`'s `dimension` floats.
  @inline(__always)
  func vector(at row: Int) -> UnsafePointer<Float> {
    (base + row &* stride).assumingMemoryBound(to: Float.self)
  }
}

// The pointer is read-only for the graph, which never writes through it; the caller keeps
// the memory alive and unchanged while any thread builds or searches over it.
extension HNSWVectors: @unchecked Sendable {}
