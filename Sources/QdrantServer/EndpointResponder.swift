import Foundation
import Hummingbird
import Model
import NIOCore
import Operations

/// Runs one endpoint of the table for one request: checks the key against the endpoint's
/// access, reads the body up to the cap, parses it, calls the handler and wraps its result or
/// its error in Qdrant's envelope. Writing endpoints run on `blockingWork`, reading ones on
/// Swift's cooperative pool.
struct EndpointResponder: Sendable {
  let backend: any Backend
  let options: QdrantServer.Options
  let metrics: ServerMetrics
  /// Where the handlers of writing endpoints run, so that their waits never hold a thread
  /// that searches need.
  let blockingWork: BlockingWorkExecutor

  /// The answer to `request` for `endpoint`; never throws: every failure becomes an error
  /// envelope with its status.
  func respond(to request: Request, context: BasicRequestContext, endpoint: Endpoint) async -> Response {
    let start = ContinuousClock.now
    let response = await answer(request, context: context, endpoint: endpoint, start: start)
    metrics.record(
      endpoint: endpoint.label, status: response.status.code,
      seconds: APIResponse.seconds(ContinuousClock.now - start))
    return response
  }

  private func answer(
    _ request: Request, context: BasicRequestContext, endpoint: Endpoint, start: ContinuousClock.Instant
  ) async -> Response {
    do {
      let grant = try options.keys.grant(for: request.headers)
      if endpoint.access == .write, grant == .readOnly {
        throw APIError(.forbidden, "Forbidden: this API key may only read")
      }
      var body = JSONBody(object: JSONObject(), path: "")
      if case .json = endpoint.handler { body = try await JSONBody(bytes: readBody(of: request)) }
      var names: [String: String] = [:]
      for name in endpoint.parameterNames {
        guard let raw = context.parameters.get(name) else { continue }
        names[name] = raw.removingPercentEncoding ?? raw
      }
      var query: [String: String] = [:]
      for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
      let call = APICall(backend: backend, parameters: names, query: query, body: body, started: start)
      switch (endpoint.handler, endpoint.access) {
      case (.json(let handle), .read):
        return APIResponse.success(try await handle(call), since: start)
      case (.json(let handle), .write):
        let result = try await withTaskExecutorPreference(blockingWork) {
          assert(BlockingWorkExecutor.isCurrentThreadOne, "a writing endpoint runs on the blocking-work threads")
          return try await handle(call)
        }
        return APIResponse.success(result, since: start)
      case (.raw(let handle), .read):
        return try await handle(call, request, context)
      case (.raw(let handle), .write):
        return try await withTaskExecutorPreference(blockingWork) { try await handle(call, request, context) }
      }
    } catch {
      return APIResponse.failure(Self.apiError(error), since: start)
    }
  }

  /// The body's bytes, at most the cap.
  ///
  /// - Throws: ``APIError`` 413 over the cap, 400 when the client broke off.
  private func readBody(of request: Request) async throws(APIError) -> [UInt8] {
    do {
      let buffer = try await request.body.collect(upTo: options.maximumRequestBytes)
      return Array(buffer.readableBytesView)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      throw APIError(
        .contentTooLarge,
        "Payload error: the request body is larger than the limit of \(options.maximumRequestBytes) bytes")
    } catch {
      throw APIError(.badRequest, "Wrong input: the request body could not be read")
    }
  }

  /// Any error as the API reports it: the server's own errors as they are, the store's by
  /// whose fault they are, anything else as a 500 that names no internals.
  static func apiError(_ error: any Error) -> APIError {
    switch error {
    case let error as APIError: error
    case let error as StoreError: APIError(error)
    default: APIError(.internalServerError, "Service internal error: the request could not be completed")
    }
  }
}
