import AsyncHTTPClient
import Foundation
public import Model
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// One Qdrant endpoint over HTTP: sends JSON requests, unwraps Qdrant's envelope, and turns
/// every failure into a ``StoreError`` that says what happened and what to do.
///
/// Bounded everywhere: each request has a deadline, an answer is read up to a size cap, and
/// reads (GET and the searches that change nothing) are retried twice with backoff on any
/// `unreachable` failure (refused, timeout, a 5xx, an answer that is not Qdrant's JSON);
/// writes are never retried, since the first attempt may have been applied. Messages name the URL and the status, never the key.
struct QdrantTransport: Sendable {
  /// Where to send requests.
  let endpoint: QdrantEndpoint
  /// The deadline of one attempt.
  var timeout: TimeAmount = .seconds(30)
  /// The largest answer read, in bytes.
  var maximumResponseBytes = 256 << 20
  /// Attempts of a request that changes nothing (the first included).
  var readAttempts = 3

  /// The process's HTTP clients, one per set of extra CA certificates (`""`: none): a refused
  /// connection fails at once (the client's own retries would hold it until the deadline;
  /// ``call(_:_:query:body:effect:envelope:)`` retries reads itself), connecting takes at most
  /// 5 s, and redirects are not followed, so the key never goes to another host. They live as
  /// long as the process.
  private static let clients = Mutex<[String: HTTPClient]>([:])

  /// The client for this endpoint's certificates.
  ///
  /// - Throws: ``StoreError`` `invalidInput` naming `--cacert` when its file is not PEM.
  private func client() throws(StoreError) -> HTTPClient {
    let key = endpoint.caCertificates ?? ""
    if let client = Self.clients.withLock({ $0[key] }) { return client }
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
    configuration.redirectConfiguration = .disallow
    if let path = endpoint.caCertificates {
      let certificates: [NIOSSLCertificate]
      do {
        certificates = try NIOSSLCertificate.fromPEMFile(path)
      } catch {
        throw StoreError(.invalidInput, "--cacert \(path): not a readable PEM certificate file")
      }
      guard !certificates.isEmpty else {
        throw StoreError(.invalidInput, "--cacert \(path): no certificate in the file")
      }
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.additionalTrustRoots = [.certificates(certificates)]
      configuration.tlsConfiguration = tls
    }
    return Self.clients.withLock { clients in
      if let existing = clients[key] { return existing }
      let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
      clients[key] = made
      return made
    }
  }

  /// Whether a request changes the store, which decides whether it may be retried.
  enum Effect {
    /// Reads only; retried on transient failures.
    case reads
    /// Changes the store; sent once.
    case writes
  }

  /// Sends `body` (JSON) to `path` and returns the `result` of Qdrant's envelope (or, with
  /// `envelope` false, the whole JSON answer, as `GET /` gives it).
  ///
  /// - Throws: ``StoreError``: `notFound` (404), `alreadyExists` (409), `invalidInput` (other
  ///   4xx, with Qdrant's message), `unauthorized` (401, 403), `unreachable` (refused, TLS,
  ///   timeout, 5xx, an answer that is not Qdrant's JSON).
  func call(
    _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil, effect: Effect,
    envelope: Bool = true
  ) async throws(StoreError) -> JSONValue {
    let attempts = effect == .reads ? max(1, readAttempts) : 1
    var delay: UInt64 = 200_000_000
    for attempt in 1...attempts {
      do throws(StoreError) {
        return try await once(method, path, query: query, body: body, envelope: envelope)
      } catch {
        guard attempt < attempts, error.kind == .unreachable else { throw error }
        try? await Task.sleep(nanoseconds: delay)
        delay *= 3
      }
    }
    throw StoreError(.unreachable, "\(endpoint): no answer")
  }

  /// One attempt of ``call(_:_:query:body:effect:envelope:)``.
  private func once(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: JSONValue?, envelope: Bool)
    async throws(StoreError) -> JSONValue
  {
    var request = HTTPClientRequest(url: endpoint.url(path, query: query))
    request.method = method
    request.headers.add(name: "Accept", value: "application/json")
    if let key = endpoint.apiKey { request.headers.add(name: "api-key", value: key) }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: Array(JSONWriter.compact(body).utf8)))
    }
    let status: Int
    let bytes: [UInt8]
    let client = try client()
    do {
      let response = try await client.execute(request, timeout: timeout)
      status = Int(response.status.code)
      let buffer = try await response.body.collect(upTo: maximumResponseBytes)
      bytes = Array(buffer.readableBytesView)
    } catch {
      throw Self.networkError(error, endpoint: endpoint, path: path, cap: maximumResponseBytes)
    }
    return try Self.unwrap(
      status: status, bytes: bytes, endpoint: endpoint, method: method.rawValue, path: path, envelope: envelope)
  }

  /// The `result` of a 2xx answer (the whole object without `envelope`), or the error a
  /// non-2xx answer stands for.
  static func unwrap(
    status: Int, bytes: [UInt8], endpoint: QdrantEndpoint, method: String, path: String, envelope: Bool = true
  ) throws(StoreError) -> JSONValue {
    let parsed = try? JSONParser.parse(bytes, maximumKeysPerObject: 100_000)
    let origin = "\(endpoint) (\(method) \(path))"
    if (200..<300).contains(status) {
      guard let object = parsed?.objectValue, let result = envelope ? object["result"] : .object(object) else {
        throw StoreError(.unreachable, "\(origin) answered \(status) with something that is not Qdrant's JSON envelope")
      }
      return result
    }
    let message = Self.errorMessage(parsed).map { ": " + $0 } ?? ""
    switch status {
    case 401:
      throw StoreError(
        .unauthorized,
        "\(origin) refused the request (401)\(message); "
          + (endpoint.hasKey ? "check the API key" : "give an API key with --api-key or QDRANT_API_KEY"))
    case 403: throw StoreError(.unauthorized, "\(origin) does not allow this with the API key given (403)\(message)")
    case 404: throw StoreError(.notFound, Self.errorMessage(parsed) ?? "\(origin): not found (404)")
    case 409: throw StoreError(.alreadyExists, Self.errorMessage(parsed) ?? "\(origin): conflict (409)")
    case 400..<500:
      throw StoreError(.invalidInput, Self.errorMessage(parsed) ?? "\(origin) refused the request (\(status))")
    default: throw StoreError(.unreachable, "\(origin) failed with \(status)\(message); try again later")
    }
  }

  /// Qdrant's `status.error`: its first line, control characters escaped, cut after 300
  /// characters.
  private static func errorMessage(_ parsed: JSONValue?) -> String? {
    guard let text = parsed?.objectValue?["status"]?.objectValue?["error"]?.stringValue else { return nil }
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    // Escaped as names from untrusted input are, so no terminal escape reaches the screen.
    return String(QuotedForMessage.text(line, limit: 300).dropFirst().dropLast())
  }

  /// A failure below HTTP as a sentence that says what to do.
  static func networkError(_ error: any Error, endpoint: QdrantEndpoint, path: String, cap: Int) -> StoreError {
    let text = String(describing: error)
    if let client = error as? HTTPClientError {
      if client == .connectTimeout || client == .deadlineExceeded || client == .readTimeout
        || client == .getConnectionFromPoolTimeout
      {
        return StoreError(.unreachable, "\(endpoint) did not answer in time; check that it is up and reachable")
      }
      if client == .remoteConnectionClosed {
        return StoreError(.unreachable, "\(endpoint) closed the connection before answering; try again")
      }
      if client == .tlsHandshakeTimeout {
        return StoreError(.unreachable, "\(endpoint): the TLS handshake timed out")
      }
    }
    if error is NIOTooManyBytesError {
      return StoreError(.unreachable, "\(endpoint) (\(path)) answered more than \(cap) bytes, the limit")
    }
    if text.contains("refused") || text.contains("ECONNREFUSED") {
      return StoreError(
        .unreachable, "\(endpoint) refused the connection; is Qdrant running there, and is --url right?")
    }
    if text.localizedCaseInsensitiveContains("ssl") || text.localizedCaseInsensitiveContains("tls")
      || text.localizedCaseInsensitiveContains("certificate")
    {
      return StoreError(
        .unreachable, "\(endpoint): the TLS connection failed (an untrusted or mismatched certificate?)")
    }
    if text.contains("resolve") || text.contains("lookup") || text.contains("NXDOMAIN") {
      return StoreError(.unreachable, "\(endpoint): the host name could not be resolved")
    }
    return StoreError(.unreachable, "\(endpoint) could not be reached (\(type(of: error)))")
  }
}
