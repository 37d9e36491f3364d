@testable import VectorEngine
@testable import Model

/// Reads an opened collection the ways an operator's commands do, ignoring errors: the fuzz
/// targets that end in an open collection (snapshot, WAL, manifest, aliases) call it so that
/// whatever a hostile file put in memory is also counted, scrolled, searched and verified.
enum CollectionProbe {
  /// The filter used for the filtered reads.
  static let filter = Filter(must: [.field(key: "tenant", .matchValue(.string("acme")))])

  /// Counts, scrolls (with vectors and payloads), searches and verifies `collection`.
  ///
  /// - Complexity: O(points · dimension), bounded by the page and page-count limits.
  static func exercise(_ collection: VectorCollection) {
    _ = try? collection.info()
    _ = try? collection.count()
    _ = try? collection.count(filter: filter)
    var offset: PointID?
    var firstID: PointID?
    for _ in 0..<16 {
      guard
        let page = try? collection.scroll(
          offset: offset, limit: 64, withPayload: true, withVector: true)
      else { break }
      firstID = firstID ?? page.points.first?.id
      guard let next = page.nextPageOffset else { break }
      offset = next
    }
    let query = [Float](repeating: 0.5, count: collection.config.dimension)
    for exact in [true, false] {
      _ = try? collection.search(SearchRequest(query: .vector(query), limit: 5, exact: exact))
      _ = try? collection.search(
        SearchRequest(query: .vector(query), filter: filter, limit: 5, exact: exact))
    }
    if let firstID {
      _ = try? collection.search(SearchRequest(query: .point(firstID), limit: 3))
      _ = try? collection.retrieve([firstID], withPayload: true, withVector: true)
    }
    _ = try? collection.verify()
  }

  /// Opens the collection stored in `directory` read-only and exercises it.
  ///
  /// - Returns: Whether it opened.
  @discardableResult
  static func openAndExercise(directory: String, readOnly: Bool = true) -> Bool {
    guard let store = try? CollectionStore(name: "fuzz", directory: directory, readOnly: readOnly)
    else { return false }
    let collection = VectorCollection(store: store)
    exercise(collection)
    if !readOnly { _ = try? collection.close() }
    return true
  }
}
