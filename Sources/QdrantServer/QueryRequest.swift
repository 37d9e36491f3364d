import Model

/// A search as the API asks it, in either dialect: `QueryRequest` (`points/query`) or the
/// older `SearchRequest` (`points/search`).
struct QueryRequest {
  /// What the store runs (its limit includes `offset`).
  var request: SearchRequest
  /// Hits to skip.
  var offset: Int
  /// Hits beyond this score (below it for similarities, above it for distances) are dropped.
  var scoreThreshold: Float?
  /// Which payload keys go out.
  var payload: PayloadSelection

  /// Reads a `QueryRequest`: `query` is a vector, a point id, or `{nearest: …}`.
  ///
  /// - Throws: ``APIError`` 400 for what is malformed or unsupported (prefetch, fusion,
  ///   recommend, named vectors other than the default).
  init(query body: JSONBody) throws(APIError) {
    for unsupported in ["prefetch", "lookup_from"] where body.has(unsupported) {
      throw .wrongInput("\(body.name(unsupported)) is not supported")
    }
    try Self.requireDefaultVector(body, key: "using")
    guard var value = body.value("query") else {
      throw .wrongInput("missing field `\(body.name("query"))`; ragops answers nearest-neighbour queries")
    }
    var name = body.name("query")
    if let nearest = value.objectValue?["nearest"] {
      value = nearest
      name += ".nearest"
    } else if let object = value.objectValue, object.count == 1, object[""] == nil, let kind = object.keys.first {
      throw .wrongInput(
        "\(name): \(QuotedForMessage.text(kind, limit: 32)) queries are not supported; use a vector or a point id")
    }
    let query: SearchRequest.Query
    switch JSONBody.defaultVector(value) {
    case .int, .uint, .string: query = .point(try JSONBody.pointID(value, named: name))
    default: query = .vector(try JSONBody.vector(value, named: name))
    }
    try self.init(query: query, body: body, defaultLimit: 10)
  }

  /// Reads the older `SearchRequest`: `vector` (or `{name, vector}`), `limit` or `top`.
  init(search body: JSONBody) throws(APIError) {
    guard var value = body.value("vector") else { throw .wrongInput("missing field `\(body.name("vector"))`") }
    if let object = value.objectValue, let inner = object["vector"] {
      let vectorName = object["name"]?.stringValue ?? ""
      guard vectorName.isEmpty else {
        throw .wrongInput("\(body.name("vector")).name: named vectors are not supported")
      }
      value = inner
    }
    let vector = try JSONBody.vector(value, named: body.name("vector"))
    let top = try body.optionalInteger("top", in: RequestLimits.searchLimit)
    try self.init(query: .vector(vector), body: body, defaultLimit: top ?? 10)
  }

  private init(query: SearchRequest.Query, body: JSONBody, defaultLimit: Int) throws(APIError) {
    let limit = try body.integer("limit", default: defaultLimit, in: RequestLimits.searchLimit)
    offset = try body.integer("offset", default: 0, in: 0...RequestLimits.searchLimit.upperBound)
    guard limit + offset <= RequestLimits.searchLimit.upperBound else {
      throw .wrongInput("limit + offset must be at most \(RequestLimits.searchLimit.upperBound)")
    }
    let params = try body.optionalObject("params")
    payload = try PayloadSelection.read(body, default: .none)
    scoreThreshold = try body.optionalNumber("score_threshold").map { Float($0) }
    request = SearchRequest(
      query: query, filter: try body.filter("filter"), limit: limit + offset,
      exact: try params?.bool("exact", default: false) ?? false,
      ef: try params?.optionalInteger("hnsw_ef", in: RequestLimits.ef), withPayload: payload.wantsPayload,
      withVector: try Self.wantsVector(body))
  }

  private static func wantsVector(_ body: JSONBody) throws(APIError) -> Bool {
    guard let value = body.value("with_vector") else { return false }
    switch value {
    case .bool(let flag): return flag
    case .array(let names): return names.contains { $0.stringValue == "" }
    default: throw .wrongInput("\(body.name("with_vector")) must be a boolean or a list of vector names")
    }
  }

  private static func requireDefaultVector(_ body: JSONBody, key: String) throws(APIError) {
    guard let value = body.value(key) else { return }
    guard value.stringValue == "" else {
      throw .wrongInput("\(body.name(key)): named vectors are not supported; only the default vector exists")
    }
  }
}
