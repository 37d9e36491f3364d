import Foundation
public import Model

/// Where a Qdrant API answers, and the key it wants: `--url`/`--api-key`, or `QDRANT_URL` and
/// `QDRANT_API_KEY` as in Qdrant's own tooling.
///
/// The key is never part of any text this type produces: ``description`` and every message
/// name the URL only.
public struct QdrantEndpoint: Sendable, Hashable, CustomStringConvertible {
  /// The base URL without a trailing slash (`http://127.0.0.1:6333`).
  public let baseURL: String
  /// The API key sent as the `api-key` header, if any.
  let apiKey: String?
  /// A PEM file of CA certificates to trust for `https` beside the system's (`--cacert`).
  public let caCertificates: String?

  /// Checks and normalizes `url`: `http` or `https`, a host, no query or fragment, no
  /// credentials in it; a path prefix (a reverse proxy's) is kept.
  ///
  /// - Throws: ``StoreError`` `invalidInput` naming what is wrong with the URL (never the key).
  public init(url: String, apiKey: String?, caCertificates: String? = nil) throws(StoreError) {
    let trimmed = url.trimmingCharacters(in: .whitespaces)
    guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https"
    else {
      throw StoreError(.invalidInput, "--url must be an http:// or https:// URL, such as http://127.0.0.1:6333")
    }
    guard let host = components.host, !host.isEmpty else {
      throw StoreError(.invalidInput, "--url has no host; give one, such as http://127.0.0.1:6333")
    }
    guard components.user == nil, components.password == nil else {
      throw StoreError(.invalidInput, "--url may not carry credentials; give the key with --api-key or QDRANT_API_KEY")
    }
    guard components.query == nil, components.fragment == nil else {
      throw StoreError(.invalidInput, "--url may not have a query or fragment")
    }
    var base = trimmed
    while base.hasSuffix("/") { base.removeLast() }
    baseURL = base
    let key = apiKey?.trimmingCharacters(in: .whitespacesAndNewlines)
    self.apiKey = key?.isEmpty == false ? key : nil
    self.caCertificates = caCertificates
  }

  /// The URL of `path` (which starts with `/`) with `query` items, percent-encoded.
  func url(_ path: String, query: [(String, String)] = []) -> String {
    guard !query.isEmpty else { return baseURL + path }
    var components = URLComponents()
    components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
    return baseURL + path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
  }

  /// The base URL; never the key.
  public var description: String { baseURL }

  /// Whether a key is set (for "auth failed" hints), without revealing it.
  public var hasKey: Bool { apiKey != nil }
}

extension QdrantEndpoint {
  /// `name` as one path segment: every character but unreserved ones percent-encoded, so a
  /// collection name can never add a segment or a query.
  static func segment(_ name: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
  }
}
