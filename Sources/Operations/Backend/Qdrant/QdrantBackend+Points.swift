import Model
import NIOHTTP1

/// Points over REST: retrieve, count, scroll and `points/query`; upsert, delete and payload
/// changes, each sent with `wait=true` so it is applied when the call returns.
extension QdrantBackend {
  /// `/collections/{name}` followed by `tail`.
  private func path(_ collection: String, _ tail: String) -> String {
    "/collections/" + QdrantEndpoint.segment(collection) + tail
  }

  func retrieve(collection: String, ids: [PointID], withPayload: Bool, withVector: Bool) async throws(StoreError)
    -> [PointRecord]
  {
    let body: JSONValue = [
      "ids": .array(ids.map(\.json)), "with_payload": .bool(withPayload), "with_vector": .bool(withVector),
    ]
    let result = try await transport.call(.POST, path(collection, "/points"), body: body, effect: .reads)
    var byID: [PointID: PointRecord] = [:]
    for (index, value) in try QdrantDecoding.array(result, "result").enumerated() {
      let record = try QdrantDecoding.record(value, at: "result[\(index)]")
      byID[record.id] = record
    }
    return ids.compactMap { byID[$0] }
  }

  func count(collection: String, filter: Filter?) async throws(StoreError) -> Int {
    var body: JSONObject = ["exact": .bool(true)]
    if let filter { body["filter"] = filter.json }
    let result = try await transport.call(
      .POST, path(collection, "/points/count"), body: .object(body), effect: .reads)
    guard let count = result.objectValue?["count"]?.integerValue else { throw QdrantDecoding.missing("result.count") }
    return Int(clamping: count)
  }

  func scroll(
    collection: String, filter: Filter?, offset: PointID?, limit: Int, withPayload: Bool, withVector: Bool
  ) async throws(StoreError) -> ScrollPage {
    var body: JSONObject = [
      "limit": .int(Int64(limit)), "with_payload": .bool(withPayload), "with_vector": .bool(withVector),
    ]
    if let filter { body["filter"] = filter.json }
    if let offset { body["offset"] = offset.json }
    let result = try await transport.call(
      .POST, path(collection, "/points/scroll"), body: .object(body), effect: .reads)
    let page = try QdrantDecoding.object(result, "result")
    let points = try QdrantDecoding.array(page["points"], "result.points").enumerated().map {
      (index, value) throws(StoreError) in try QdrantDecoding.record(value, at: "result.points[\(index)]")
    }
    let next = page["next_page_offset"].flatMap(PointID.init(json:))
    return ScrollPage(points: points, nextPageOffset: next)
  }

  func search(collection: String, request: SearchRequest) async throws(StoreError) -> [ScoredPoint] {
    try request.validate()
    var body: JSONObject = [
      "limit": .int(Int64(request.limit)), "with_payload": .bool(request.withPayload),
      "with_vector": .bool(request.withVector),
    ]
    switch request.query {
    case .vector(let vector): body["query"] = .array(vector.map { .double(Double($0)) })
    case .point(let id): body["query"] = id.json
    }
    var params: JSONObject = ["exact": .bool(request.exact)]
    if let ef = request.ef { params["hnsw_ef"] = .int(Int64(ef)) }
    body["params"] = .object(params)
    if let filter = request.filter { body["filter"] = filter.json }
    // A search changes nothing, so it is retried like a read.
    let result = try await transport.call(
      .POST, path(collection, "/points/query"), body: .object(body), effect: .reads)
    let points = try QdrantDecoding.array(result.objectValue?["points"], "result.points")
    return try points.enumerated().map { (index, value) throws(StoreError) in
      try QdrantDecoding.scoredPoint(value, at: "result.points[\(index)]")
    }
  }

  func upsert(collection: String, points: [PointStruct]) async throws(StoreError) -> UpdateResult {
    let body: JSONValue = [
      "points": .array(
        points.map { point in
          [
            "id": point.id.json, "vector": .array(point.vector.map { .double(Double($0)) }),
            "payload": .object(point.payload),
          ]
        })
    ]
    return try await update(.PUT, path(collection, "/points"), body, affected: points.count)
  }

  func delete(collection: String, selector: PointSelector) async throws(StoreError) -> UpdateResult {
    try await update(.POST, path(collection, "/points/delete"), .object(selected(selector)), selector: selector)
  }

  func setPayload(collection: String, payload: JSONObject, selector: PointSelector) async throws(StoreError)
    -> UpdateResult
  {
    var body = selected(selector)
    body["payload"] = .object(payload)
    return try await update(.POST, path(collection, "/points/payload"), .object(body), selector: selector)
  }

  func overwritePayload(collection: String, payload: JSONObject, selector: PointSelector) async throws(StoreError)
    -> UpdateResult
  {
    var body = selected(selector)
    body["payload"] = .object(payload)
    return try await update(.PUT, path(collection, "/points/payload"), .object(body), selector: selector)
  }

  func deletePayloadKeys(collection: String, keys: [String], selector: PointSelector) async throws(StoreError)
    -> UpdateResult
  {
    var body = selected(selector)
    body["keys"] = .array(keys.map(JSONValue.string))
    return try await update(.POST, path(collection, "/points/payload/delete"), .object(body), selector: selector)
  }

  /// `points` or `filter`, as Qdrant's point selectors say it.
  private func selected(_ selector: PointSelector) -> JSONObject {
    switch selector {
    case .ids(let ids): ["points": .array(ids.map(\.json))]
    case .filter(let filter): ["filter": filter.json]
    }
  }

  /// Sends a change with `wait=true`; `UpdateResult`'s operation id, and as affected the ids
  /// named (Qdrant does not report how many points a filter touched: 0 then).
  private func update(
    _ method: HTTPMethod, _ path: String, _ body: JSONValue, selector: PointSelector? = nil, affected: Int? = nil
  ) async throws(StoreError) -> UpdateResult {
    let result = try await transport.call(method, path, query: [("wait", "true")], body: body, effect: .writes)
    let operation = result.objectValue?["operation_id"]?.unsignedIntegerValue ?? 0
    var count = affected ?? 0
    if case .ids(let ids)? = selector { count = ids.count }
    return UpdateResult(operationID: operation, affected: count)
  }
}
