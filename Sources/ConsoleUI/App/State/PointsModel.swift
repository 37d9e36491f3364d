public import Model

/// The Points tab: a page (or several) of points from the scroll cursor, or the points most
/// similar to one, with the filter and the selected point's payload.
public struct PointsModel: Hashable {
  /// The points loaded so far, in id order (or by score when ``similarTo`` is set).
  public var records: [PointRecord] = []
  /// Scores by id when showing similar points.
  public var scores: [PointID: Float] = [:]
  /// The point whose neighbours are shown, or `nil` for the scroll listing.
  public var similarTo: PointID?
  /// The filter as typed (text form or JSON); empty for none.
  public var filterText = ""
  /// Where the next page starts (`next_page_offset`), or `nil` at the end.
  public var nextOffset: PointID?
  /// How many points match the filter, when counted.
  public var total: Int?
  /// Whether a page is being loaded.
  public var isLoading = false
  /// Whether a first page has arrived.
  public var isLoaded = false
  /// Selection and scroll of the table.
  public var table = TableState()
  /// Fold state of the payload view.
  public var json = JSONTreeState()
  /// Whether the payload view has the keyboard focus (after `d`).
  public var isJSONFocused = false

  /// Creates an empty model.
  public init() {}

  /// Points fetched per page.
  public static let pageSize = 50
  /// Payload columns shown at most.
  public static let maximumPayloadColumns = 5

  /// The selected point, if any.
  public var selected: PointRecord? {
    guard let row = table.selectedRow, records.indices.contains(row) else { return nil }
    return records[row]
  }

  /// The payload keys shown as columns: first seen order over the loaded points.
  ///
  /// - Complexity: O(n) in the points loaded times their keys.
  public var payloadColumns: [String] {
    var keys: [String] = []
    for record in records {
      for key in record.payload?.keys ?? [] where !keys.contains(key) {
        keys.append(key)
        if keys.count == Self.maximumPayloadColumns { return keys }
      }
    }
    return keys
  }
}

extension PointsModel: Sendable {}
