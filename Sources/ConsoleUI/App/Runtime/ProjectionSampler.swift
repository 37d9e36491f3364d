import Operations
import Model

/// Draws a seeded sample of a collection's points and projects it onto its principal plane.
enum ProjectionSampler {
  /// Ids scanned per scroll page while sampling.
  static let scanPage = 2_000

  /// Up to `limit` points chosen uniformly (reservoir sampling over the id scroll, seeded),
  /// projected with PCA, and the payload fields worth colouring by (2 to 30 distinct values).
  ///
  /// - Complexity: O(n) scroll over the ids, then O(limit × dimension × iterations).
  static func sample(_ backend: any Backend, collection: String, limit: Int) async throws(StoreError) -> (
    points: [ProjectedPoint], fields: [String]
  ) {
    var reservoir: [PointID] = []
    var seen = 0
    var random: UInt64 = 0x9E37_79B9_7F4A_7C15
    var offset: PointID?
    repeat {
      let page = try await backend.pointReader().scroll(
        collection: collection, filter: nil, offset: offset, limit: scanPage, withPayload: false, withVector: false)
      for record in page.points {
        seen += 1
        if reservoir.count < limit {
          reservoir.append(record.id)
        } else {
          random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          let slot = Int((random >> 33) % UInt64(seen))
          if slot < limit { reservoir[slot] = record.id }
        }
      }
      offset = page.nextPageOffset
    } while offset != nil
    reservoir.sort()
    var records: [PointRecord] = []
    for start in stride(from: 0, to: reservoir.count, by: 500) {
      let ids = Array(reservoir[start..<min(start + 500, reservoir.count)])
      records += try await backend.pointReader().retrieve(
        collection: collection, ids: ids, withPayload: true, withVector: true)
    }
    records = records.filter { $0.vector != nil }
    let plane = Projection.principalPlane(records.compactMap(\.vector))
    let points = zip(records, plane).map { record, xy in
      ProjectedPoint(id: record.id, x: xy.0, y: xy.1, payload: record.payload ?? JSONObject())
    }
    return (points, colourFields(points))
  }

  /// Payload keys whose values (first element of arrays) take 2 to 30 distinct values.
  static func colourFields(_ points: [ProjectedPoint]) -> [String] {
    var order: [String] = []
    var values: [String: Set<String>] = [:]
    for point in points {
      for (key, value) in point.payload {
        if values[key] == nil { order.append(key) }
        guard (values[key]?.count ?? 0) <= 30 else { continue }
        switch value {
        case .object: continue
        default: values[key, default: []].insert(VisualizeModel.label(value))
        }
      }
    }
    return order.filter { key in (2...30).contains(values[key]?.count ?? 0) }
  }
}
