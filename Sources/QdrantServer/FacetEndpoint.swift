import HTTPTypes
import Model
import Operations

/// `POST /collections/{c}/facet {key, filter, limit, exact}`: the most frequent values of a
/// keyword field among the points matching the filter, as `{hits: [{value, count}]}`.
///
/// Counts are exact (the `exact` flag is accepted and changes nothing): the points are read in
/// pages of ``pageSize`` and the field's values counted, so the cost is one pass over the
/// matching points' payloads.
enum FacetEndpoint {
  /// Points read per page.
  static let pageSize = 4_096

  static var endpoint: Endpoint {
    Endpoint(method: .post, path: "/collections/:collection/facet", access: .read) { call in
      let key = try call.body.string("key")
      let limit = try call.body.integer("limit", default: 10, in: 1...RequestLimits.searchLimit.upperBound)
      let filter = try call.body.filter("filter")
      _ = try call.body.bool("exact", default: false)
      let reader = try call.backend.pointReader()
      var counts: [JSONValue: Int] = [:]
      var offset: PointID?
      repeat {
        let page = try await reader.scroll(
          collection: call.collection, filter: filter, offset: offset, limit: pageSize, withPayload: true,
          withVector: false)
        for point in page.points {
          for value in values(of: key, in: point.payload) { counts[value, default: 0] += 1 }
        }
        offset = page.nextPageOffset
      } while offset != nil
      let hits = counts.sorted { a, b in
        a.value != b.value ? a.value > b.value : JSONWriter.compact(a.key) < JSONWriter.compact(b.key)
      }.prefix(limit)
      return .object(["hits": .array(hits.map { .object(["value": $0.key, "count": .integer(UInt64($0.value))]) })])
    }
  }

  /// The distinct facetable values (strings, integers, Booleans) of `key` in `payload`,
  /// looking inside arrays, as Qdrant counts a point once per distinct value.
  private static func values(of key: String, in payload: JSONObject?) -> Set<JSONValue> {
    guard let payload else { return [] }
    var current: [JSONValue] = [.object(payload)]
    for component in key.split(separator: ".") {
      current = current.flatMap { value -> [JSONValue] in
        let next = value.objectValue?[String(component)]
        if case .array(let elements)? = next { return elements }
        return next.map { [$0] } ?? []
      }
    }
    var found = Set<JSONValue>()
    for value in current {
      switch value {
      case .string, .int, .uint, .bool: found.insert(value)
      case .array(let elements):
        for element in elements {
          switch element {
          case .string, .int, .uint, .bool: found.insert(element)
          default: break
          }
        }
      default: break
      }
    }
    return found
  }
}
