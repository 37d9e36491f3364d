public import Foundation
import Hummingbird
import Logging
import Model
import NIOCore
public import Operations

/// Qdrant's REST API over a backend: what `ragops serve` runs.
///
/// One process holds the store; requests are answered on SwiftNIO's event loops and run on
/// Swift's cooperative pool, so searches proceed in parallel on every core. The endpoints are
/// the rows of ``Endpoint/all`` plus the service routes (`/`, health checks); every JSON
/// answer is Qdrant's envelope, every failure Qdrant's error shape with a 4xx that names the
/// field, or a 5xx for the server's own trouble.
///
/// A body is read only up to the size cap, then refused with 413; a client that sends slowly
/// or disconnects holds no lock and no thread (NIO reads without blocking, and the store is
/// touched only once the whole body is in).
public struct QdrantServer: Sendable {
  /// How the server listens and whom it lets in.
  public struct Options: Sendable {
    /// The address to bind (`127.0.0.1` unless told otherwise).
    public var host: String
    /// The port; 0 picks a free one (reported to `onListening`).
    public var port: Int
    /// The keys required, if any.
    public var keys: APIKeys
    /// The largest request body accepted, in bytes.
    public var maximumRequestBytes: Int

    /// Options as given.
    public init(host: String, port: Int, keys: APIKeys, maximumRequestBytes: Int) {
      self.host = host
      self.port = port
      self.keys = keys
      self.maximumRequestBytes = maximumRequestBytes
    }
  }

  /// The Qdrant API version reported by `GET /`: the OpenAPI document's, which stock clients
  /// accept.
  public static let apiVersion = "1.19.0"

  private let backend: any Backend
  private let options: Options

  /// A server for `backend` with `options`.
  public init(backend: any Backend, options: Options) {
    self.backend = backend
    self.options = options
  }

  /// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish and
  /// returns.
  ///
  /// - Parameter onListening: called once with the bound address and port.
  public func run(onListening: @escaping @Sendable (String, Int) -> Void) async throws {
    let router = Router()
    let metrics = ServerMetrics()
    let responder = EndpointResponder(backend: backend, options: options, metrics: metrics)
    for endpoint in Endpoint.all {
      router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
        await responder.respond(to: request, context: context, endpoint: endpoint)
      }
    }
    ServiceEndpoints(backend: backend, keys: options.keys, metrics: metrics).register(on: router)
    var logger = Logger(label: "ragops.serve")
    logger.logLevel = .warning
    let application = Application(
      router: router,
      configuration: ApplicationConfiguration(
        address: .hostname(options.host, port: options.port), serverName: "ragops"),
      onServerRunning: { channel in
        onListening(options.host, channel.localAddress?.port ?? options.port)
      },
      logger: logger)
    try await application.runService()
  }
}
