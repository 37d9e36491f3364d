import Model

/// Reads the bodies of point requests: upserts, selectors and payload changes.
enum PointsRequest {
  /// The points of an upsert: `{points: [{id, vector, payload}]}` or
  /// `{batch: {ids, vectors, payloads}}`.
  ///
  /// - Complexity: O(n · d).
  /// - Throws: ``APIError`` 400 naming the element and field at fault.
  static func points(from body: JSONBody) throws(APIError) -> [PointStruct] {
    if let elements = try body.optionalArray("points", limit: RequestCaps.pointsPerRequest) {
      var points: [PointStruct] = []
      points.reserveCapacity(elements.count)
      for (index, element) in elements.enumerated() {
        let name = "points[\(index)]"
        guard let object = element.objectValue else { throw .wrongInput("\(name) must be an object") }
        let point = JSONBody(object: object, path: name)
        guard let id = point.value("id") else { throw .wrongInput("missing field `\(name).id`") }
        guard let vector = point.value("vector") else { throw .wrongInput("missing field `\(name).vector`") }
        points.append(
          PointStruct(
            id: try JSONBody.pointID(id, named: name + ".id"),
            vector: try JSONBody.vector(vector, named: name + ".vector"),
            payload: try payload(point.value("payload"), named: name + ".payload")))
      }
      return points
    }
    guard let batch = try body.optionalObject("batch") else { throw .wrongInput("missing field `points` or `batch`") }
    guard let ids = try batch.pointIDs("ids") else { throw .wrongInput("missing field `batch.ids`") }
    guard let vectorsValue = batch.value("vectors") else { throw .wrongInput("missing field `batch.vectors`") }
    guard let vectors = JSONBody.defaultVector(vectorsValue).arrayValue, vectors.count == ids.count else {
      throw .wrongInput("batch.vectors must be an array with one vector per id (\(ids.count))")
    }
    let payloads = try batch.optionalArray("payloads", limit: RequestCaps.pointsPerRequest)
    if let payloads, payloads.count != ids.count {
      throw .wrongInput("batch.payloads has \(payloads.count) entries for \(ids.count) ids")
    }
    var points: [PointStruct] = []
    points.reserveCapacity(ids.count)
    for index in ids.indices {
      points.append(
        PointStruct(
          id: ids[index], vector: try JSONBody.vector(vectors[index], named: "batch.vectors[\(index)]"),
          payload: try payload(payloads?[index], named: "batch.payloads[\(index)]")))
    }
    return points
  }

  /// Which points a change is for: `{points: [ids]}` or `{filter: …}`.
  static func selector(from body: JSONBody) throws(APIError) -> PointSelector {
    if let ids = try body.pointIDs("points") { return .ids(ids) }
    if let filter = try body.filter("filter") { return .filter(filter) }
    throw .wrongInput("give `points` (a list of ids) or `filter`")
  }

  /// `{payload, points | filter}` of a set or overwrite.
  static func payloadChange(from body: JSONBody) throws(APIError) -> (JSONObject, PointSelector) {
    if body.has("key") { throw .wrongInput("key (a nested payload path) is not supported; set top-level keys") }
    guard let value = body.value("payload") else { throw .wrongInput("missing field `payload`") }
    return (try payload(value, named: "payload"), try selector(from: body))
  }

  private static func payload(_ value: JSONValue?, named name: String) throws(APIError) -> JSONObject {
    guard let value else { return JSONObject() }
    guard let object = value.objectValue else { throw .wrongInput("\(name) must be an object, not \(value.typeName)") }
    return object
  }
}
