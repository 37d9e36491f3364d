import Foundation
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
  /// Produces the envelope's `result`; throws ``APIError`` or ``StoreError``.
  let handle: @Sendable (APICall) async throws -> JSONValue

  /// The names of the path's parameters, in order.
  var parameterNames: [String] {
    path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
  }

  /// Every endpoint the server answers with a JSON envelope.
  static var all: [Endpoint] {
    CollectionEndpoints.all + PointEndpoints.all + QueryEndpoints.all
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
  /// The JSON body (`{}` when there is none).
  let body: JSONBody

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
