import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import ServiceLifecycle
import UnixSignals
import Logging
import Model
import NIOCore
import NIOPosix
public import Operations

/// Qdrant's REST API over a backend: what `ragops serve` runs.
///
/// One process holds the store; requests are answered on SwiftNIO's event loops; reads run on
/// Swift's cooperative pool, so searches proceed in parallel on every core, and writes on
/// threads of their own, so a write waiting for a lock, a seal or an fsync never takes a core's
/// thread from the searches. The endpoints are
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
    /// PEM files of the certificate chain and its private key, for HTTPS; `nil` for HTTP.
    public var tls: (certificateChain: String, privateKey: String)?
    /// How long requests in flight may take to finish after SIGTERM before they are
    /// cancelled and their connections closed.
    public var drainSeconds: Int

    /// Options as given.
    public init(
      host: String, port: Int, keys: APIKeys, maximumRequestBytes: Int, drainSeconds: Int = 30,
      tls: (certificateChain: String, privateKey: String)? = nil
    ) {
      self.host = host
      self.port = port
      self.keys = keys
      self.maximumRequestBytes = maximumRequestBytes
      self.drainSeconds = drainSeconds
      self.tls = tls
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

  /// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish
  /// (for at most ``Options/drainSeconds``, then cancels them and closes their connections) and
  /// returns.
  ///
  /// - Parameter onListening: called once with the bound address and port.
  public func run(onListening: @escaping @Sendable (String, Int) -> Void) async throws {
    let router = Router()
    let metrics = ServerMetrics()
    let responder = EndpointResponder(
      backend: backend, options: options, metrics: metrics, blockingWork: Self.blockingWork)
    for endpoint in Endpoint.all {
      router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
        await responder.respond(to: request, context: context, endpoint: endpoint)
      }
    }
    ServiceEndpoints(backend: backend, keys: options.keys, metrics: metrics).register(on: router)
    var logger = Logger(label: "ragops.serve")
    logger.logLevel = .warning
    let application = Application(
      router: router, server: try Self.serverBuilder(tls: options.tls),
      configuration: ApplicationConfiguration(
        address: .hostname(options.host, port: options.port), serverName: "ragops"),
      onServerRunning: { channel in
        onListening(options.host, channel.localAddress?.port ?? options.port)
      },
      eventLoopGroupProvider: .shared(Self.eventLoops),
      logger: logger)
    var configuration = ServiceGroupConfiguration(
      services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    configuration.maximumGracefulShutdownDuration = .seconds(options.drainSeconds)
    configuration.maximumCancellationDuration = .seconds(5)
    try await ServiceGroup(configuration: configuration).run()
  }

  /// The event loops that read and write sockets: half the cores (at least one). A search is
  /// far more work than its request's I/O, so the other half is left to the tasks that run
  /// the handlers (on two cores, one loop answered about 10 % more queries per second than
  /// two, in alternated rounds with 64 clients).
  private static let eventLoops = MultiThreadedEventLoopGroup(
    numberOfThreads: max(1, System.coreCount / 2))

  /// The threads that run writing endpoints (see ``BlockingWorkExecutor``): enough for many
  /// writers waiting at once for a lock or an fsync; more wait in its queue, holding none.
  private static let blockingWork = BlockingWorkExecutor(threads: max(8, 4 * System.coreCount))

  /// HTTP/1.1, inside TLS when certificate and key are given.
  ///
  /// - Throws: ``ServerSetupError`` for a file that cannot be read or is not PEM.
  private static func serverBuilder(tls: (certificateChain: String, privateKey: String)?) throws -> HTTPServerBuilder {
    guard let tls else { return .http1() }
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do {
      chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain)
    } catch {
      throw ServerSetupError(message: "--tls-cert \(tls.certificateChain): not a readable PEM certificate chain")
    }
    do {
      key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
    } catch {
      throw ServerSetupError(message: "--tls-key \(tls.privateKey): not a readable PEM private key")
    }
    guard !chain.isEmpty else {
      throw ServerSetupError(message: "--tls-cert \(tls.certificateChain): no certificate in the file")
    }
    let configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    return try .tls(.http1(), tlsConfiguration: configuration)
  }
}

/// The server could not be set up as asked (a TLS file that cannot be used); the message
/// names the option and the file, never its contents.
public struct ServerSetupError: Error, CustomStringConvertible {
  /// The sentence for the operator.
  public var message: String
  /// The message.
  public var description: String { message }
}
