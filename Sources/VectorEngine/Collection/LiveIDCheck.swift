/// Finds a point id that is live in more than one sealed segment.
///
/// A point is live in at most one place (see `CollectionStore.swift`): a later copy's seal
/// publishes the deletion of the earlier one in the same manifest. Two live copies mean
/// crafted or damaged files; lookups would return one and counts would include both.
import Model

enum LiveIDCheck {
  /// One segment's rows, as the check reads them: ids ascending by row.
  struct Rows {
    /// The number of rows.
    var count: Int
    /// The id of a row.
    var id: (Int) -> PointID
    /// Whether a row is deleted.
    var isDeleted: (Int) -> Bool
  }

  /// The first id live in two segments, and their positions in `segments`, or `nil`.
  ///
  /// - Complexity: O(n · s) for n rows in s segments.
  static func firstDuplicate(_ segments: [Rows]) -> (id: PointID, first: Int, second: Int)? {
    guard segments.count > 1 else { return nil }
    var cursors = segments.map { _ in 0 }
    func skipDeleted(_ index: Int) {
      while cursors[index] < segments[index].count && segments[index].isDeleted(cursors[index]) { cursors[index] += 1 }
    }
    for index in segments.indices { skipDeleted(index) }
    while true {
      var smallest: (id: PointID, segment: Int)?
      for index in segments.indices where cursors[index] < segments[index].count {
        let id = segments[index].id(cursors[index])
        if let current = smallest {
          if id == current.id { return (id, current.segment, index) }
          if id < current.id { smallest = (id, index) }
        } else {
          smallest = (id, index)
        }
      }
      guard let smallest else { return nil }
      cursors[smallest.segment] += 1
      skipDeleted(smallest.segment)
    }
  }
}
