/// The in-memory segment that receives every write until it is sealed into a file.
///
/// Rows are appended; an upsert of an id already here overwrites its row in place, a delete
/// marks the row dead. Dead rows are dropped when the segment is sealed.
import Model

struct AppendableSegment {
  let dimension: Int
  private(set) var ids: [PointID] = []
  private(set) var vectors: [Float] = []
  private(set) var payloads: [JSONObject] = []
  private(set) var live: [Bool] = []
  private(set) var rowByID: [PointID: Int] = [:]
  private(set) var liveCount = 0
  private(set) var payloadBytesEstimate = 0
  /// Live rows sorted by id, rebuilt lazily after a change.
  private var sortedCache: [Int]?

  init(dimension: Int) {
    self.dimension = dimension
  }

  /// The number of rows, dead ones included.
  var rowCount: Int { ids.count }

  /// Inserts or overwrites the point. The vector must already be validated and prepared.
  ///
  /// Rows are `dimension` floats apart in one buffer: a vector of another length would shift
  /// every later row, so it is a programming error that stops the process, never data.
  mutating func upsert(id: PointID, vector: UnsafeBufferPointer<Float>, payload: JSONObject) {
    precondition(
      vector.count == dimension, "a vector of \(vector.count) components reached a segment of dimension \(dimension)")
    let bytes = Self.estimate(payload)
    if let row = rowByID[id] {
      let start = row * dimension
      vectors.withUnsafeMutableBufferPointer { target in
        for index in 0..<dimension { target[start + index] = vector[index] }
      }
      payloadBytesEstimate += bytes - Self.estimate(payloads[row])
      payloads[row] = payload
      return
    }
    rowByID[id] = ids.count
    ids.append(id)
    vectors.append(contentsOf: vector)
    payloads.append(payload)
    live.append(true)
    liveCount += 1
    payloadBytesEstimate += bytes
    sortedCache = nil
  }

  /// Replaces the payload of a live row.
  mutating func setPayload(_ payload: JSONObject, row: Int) {
    payloadBytesEstimate += Self.estimate(payload) - Self.estimate(payloads[row])
    payloads[row] = payload
  }

  /// Marks the row holding `id` dead; returns whether there was one.
  @discardableResult
  mutating func delete(_ id: PointID) -> Bool {
    guard let row = rowByID.removeValue(forKey: id) else { return false }
    live[row] = false
    liveCount -= 1
    payloadBytesEstimate -= Self.estimate(payloads[row])
    payloads[row] = JSONObject()
    sortedCache = nil
    return true
  }

  /// The row's vector.
  func withVector<R>(at row: Int, _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
    try vectors.withUnsafeBufferPointer { all in
      try body(UnsafeBufferPointer(rebasing: all[(row * dimension)..<((row + 1) * dimension)]))
    }
  }

  /// Live rows in ascending id order.
  ///
  /// - Complexity: O(n log n) after a change, O(1) otherwise.
  mutating func sortedLiveRows() -> [Int] {
    if let sortedCache { return sortedCache }
    let rows = (0..<ids.count).filter { live[$0] }.sorted { ids[$0] < ids[$1] }
    sortedCache = rows
    return rows
  }

  /// Bytes of RAM held, approximately.
  var memoryBytes: Int {
    ids.count * (MemoryLayout<PointID>.stride + 1 + 48) + vectors.count * 4 + payloadBytesEstimate
  }

  private static func estimate(_ payload: JSONObject) -> Int {
    payload.isEmpty ? 0 : 64 + payload.count * 48
  }
}
