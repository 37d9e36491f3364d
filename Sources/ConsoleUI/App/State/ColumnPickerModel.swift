/// The open payload column picker: the keys seen in a collection, which of them are shown,
/// and the highlighted entry.
public struct ColumnPickerModel: Hashable {
  /// The collection whose points table the columns are for.
  public var collection: String
  /// Every payload key known (indexed fields first, then keys of the loaded points).
  public var keys: [String]
  /// The keys chosen, in the order they were ticked (the column order).
  public var chosen: [String]
  /// The highlighted entry of ``keys``.
  public var selected = 0

  /// Opens a picker over `keys` with `chosen` ticked.
  public init(collection: String, keys: [String], chosen: [String]) {
    self.collection = collection
    self.keys = keys
    self.chosen = chosen
  }

  /// Ticks the highlighted key, or unticks it when it was chosen.
  ///
  /// - Complexity: O(k) in the number of chosen keys.
  public mutating func toggleSelected() {
    guard keys.indices.contains(selected) else { return }
    let key = keys[selected]
    if let index = chosen.firstIndex(of: key) {
      chosen.remove(at: index)
    } else {
      chosen.append(key)
    }
  }
}

extension ColumnPickerModel: Sendable {}
