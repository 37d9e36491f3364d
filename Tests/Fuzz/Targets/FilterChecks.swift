@testable import VectorEngine
@testable import Model

/// What every parsed filter must satisfy, as `Filter`'s documentation promises:
/// `Filter(json: filter.json) == filter`, and `Filter.parse(filter.textDescription)` matches
/// exactly the same points as `filter`.
enum FilterChecks {
  /// Checks `filter` against both promises; a broken promise stops the process.
  ///
  /// - Complexity: O(size of the filter × sample points).
  static func check(_ filter: Filter) {
    guard let decoded = try? Filter(json: filter.json) else {
      preconditionFailure("Filter(json:) refuses the JSON of a parsed filter")
    }
    precondition(decoded == filter, "Filter(json: filter.json) differs from filter")
    let description = filter.textDescription
    guard let reparsed = try? Filter.parse(description) else {
      preconditionFailure("Filter.parse refuses a filter's textDescription")
    }
    let (payloads, ids) = FilterSamples.points(for: filter)
    for payload in payloads {
      for id in ids {
        precondition(
          filter.matches(id: id, payload: payload) == reparsed.matches(id: id, payload: payload),
          "Filter.parse(filter.textDescription) matches a point that filter does not, or not one it does"
        )
      }
    }
  }
}
