import HTTPTypes
import Model
import Operations

/// Nearest-neighbour search: `points/query` and its batch, and the older `points/search` and
/// `search/batch` that older clients still call.
enum QueryEndpoints {
  static var all: [Endpoint] {
    [
      Endpoint(method: .post, path: "/collections/:collection/points/query", access: .read) { call in
        .object(["points": try await run(try QueryRequest(query: call.body), in: call)])
      },
      Endpoint(method: .post, path: "/collections/:collection/points/query/batch", access: .read) { call in
        var results: [JSONValue] = []
        for search in try searches(call.body) {
          results.append(.object(["points": try await run(try QueryRequest(query: search), in: call)]))
        }
        return .array(results)
      },
      Endpoint(method: .post, path: "/collections/:collection/points/search", access: .read) { call in
        try await run(try QueryRequest(search: call.body), in: call)
      },
      Endpoint(method: .post, path: "/collections/:collection/points/search/batch", access: .read) { call in
        var results: [JSONValue] = []
        for search in try searches(call.body) {
          results.append(try await run(try QueryRequest(search: search), in: call))
        }
        return .array(results)
      },
    ]
  }

  private static func searches(_ body: JSONBody) throws(APIError) -> [JSONBody] {
    guard let elements = try body.optionalArray("searches", limit: RequestCaps.searchesPerBatch) else {
      throw .wrongInput("missing field `searches`")
    }
    return try elements.enumerated().map { (index, element) throws(APIError) -> JSONBody in
      guard let object = element.objectValue else { throw .wrongInput("searches[\(index)] must be an object") }
      return JSONBody(object: object, path: "searches[\(index)]")
    }
  }

  /// Runs one query and returns its hits as `ScoredPoint`s, after `offset` and
  /// `score_threshold`.
  private static func run(_ query: QueryRequest, in call: APICall) async throws -> JSONValue {
    let reader = try call.backend.pointReader()
    var hits = try await reader.search(collection: call.collection, request: query.request)
    hits.removeFirst(min(query.offset, hits.count))
    if let threshold = query.scoreThreshold {
      let higherIsCloser = try await call.backend.collectionReader().collectionConfig(call.collection).distance
        .higherIsCloser
      hits.removeAll { higherIsCloser ? $0.score < threshold : $0.score > threshold }
    }
    return .array(hits.map { QdrantJSON.scoredPoint($0, payload: query.payload) })
  }
}
