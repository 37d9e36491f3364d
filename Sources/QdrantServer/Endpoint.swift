import Foundation
import Hummingbird
import HTTPTypes
import Model
import Operations

/// One row of the server's endpoint table: method, path, whether it reads or writes, and the
/// handler that turns a call into the `result` of Qdrant's envelope.
///
/// The table (``Endpoint/all``) is the one place that says what the server answers; routing,
/// the read-only key's rights and the metrics' endpoint labels all come from it.
struct Endpoint: Sendable {
  /// What an endpoint does to the store, which decides the keys that may call it.
  enum Access: Sendable {
    /// Reads only (any valid key, the read-only one included).
    case read
    /// Changes the store (only the full key).
    case write
  }

  /// The HTTP method.
  let method: HTTPRequest.Method
  /// The path in the router's syntax, `:name` for a parameter (`/collections/:collection`).
  let path: String
  /// Whether it reads or writes.
  let access: Access
  /// What answers the call.
  let handler: Handler
  /// The names of the path's parameters, in order.
  let parameterNames: [String]
  /// `METHOD path`, the endpoint's label in the metrics.
  let label: String

  /// How an endpoint answers.
  enum Handler: Sendable {
    /// With the `result` of Qdrant's envelope, from a JSON body; throws ``APIError`` or
    /// ``StoreError``.
    case json(@Sendable (APICall) async throws -> JSONValue)
    /// With a response of its own (a file download), or from a body it reads itself (an
    /// upload): the request's body is not read for it.
    case raw(@Sendable (APICall, Request, BasicRequestContext) async throws -> Response)
  }

  /// An endpoint answering with JSON.
  init(
    method: HTTPRequest.Method, path: String, access: Access,
    handle: @escaping @Sendable (APICall) async throws -> JSONValue
  ) {
    self.init(method: method, path: path, access: access, handler: .json(handle))
  }

  /// An endpoint answering with a response of its own.
  init(method: HTTPRequest.Method, path: String, access: Access, handler: Handler) {
    self.method = method
    self.path = path
    self.access = access
    self.handler = handler
    parameterNames = path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    label = "\(method) \(path)"
  }

  /// Every endpoint of the API (the service routes, `/` and the health checks, apart).
  static var all: [Endpoint] {
    CollectionEndpoints.all + PointEndpoints.all + QueryEndpoints.all + SnapshotEndpoints.all + [FacetEndpoint.endpoint]
  }
}

/// One request as a handler sees it: the backend, the path parameters, the query string and
/// the parsed body.
struct APICall: Sendable {
  /// The store behind the server.
  let backend: any Backend
  /// Path parameters by name, percent-decoded.
  let parameters: [String: String]
  /// Query-string parameters by name.
  let query: [String: String]
  /// The JSON body (`{}` when there is none, or for a ``Endpoint/Handler/raw`` endpoint).
  let body: JSONBody
  /// When the request arrived (the envelope's `time` counts from it).
  let started: ContinuousClock.Instant

  /// The `{collection}` path parameter.
  var collection: String { parameters["collection"] ?? "" }

  /// `?wait=false` asks for an answer once the change is accepted. Every write here is
  /// durable (its WAL record fsynced) before it answers either way; the status tells the
  /// client which it asked for.
  var updateStatus: String { query["wait"] == "false" ? "acknowledged" : "completed" }

  /// Qdrant's `UpdateResult` for a change the store applied.
  func updateResult(_ result: UpdateResult) -> JSONValue {
    .object(["operation_id": .integer(result.operationID), "status": .string(updateStatus)])
  }
}
