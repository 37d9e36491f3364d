import Model
import NIOHTTP1

/// A ``Backend`` over Qdrant's REST API: a Qdrant cluster, Qdrant Cloud or `ragops serve`.
///
/// It has the capabilities Qdrant's API offers (collections, aliases, payload indexes, points
/// and search); what the API lacks (verifying files, flushing, index quality) is not
/// implemented, so the accessors refuse it and screens hide it. Opening asks `GET /` for the
/// version and refuses a server that is not a Qdrant API of major version 1 at 1.10 or later.
final class QdrantBackend: Backend, CollectionReading, CollectionWriting, PointReading, PointWriting {
  /// The oldest Qdrant version whose API this backend speaks.
  static let oldestVersion = (major: 1, minor: 10)

  let transport: QdrantTransport
  let location: String
  let version: String
  let isReadOnly: Bool
  let problems: [String] = []
  let openingNotes: [String] = []

  /// Connects to `endpoint` and checks its version.
  ///
  /// - Throws: ``StoreError`` `unreachable` when it cannot be reached or is not a Qdrant API
  ///   ragops knows, `unauthorized` when the key is refused.
  init(endpoint: QdrantEndpoint, readOnly: Bool) async throws(StoreError) {
    transport = QdrantTransport(endpoint: endpoint)
    location = endpoint.baseURL
    isReadOnly = readOnly
    version = try await Self.checkedVersion(transport)
    // `GET /` needs no key on Qdrant; a listing tells a refused key now rather than later.
    _ = try await transport.call(.GET, "/collections", effect: .reads)
  }

  /// The server's version from `GET /` (a bare JSON object, not the envelope), checked.
  private static func checkedVersion(_ transport: QdrantTransport) async throws(StoreError) -> String {
    let root = try await transport.call(.GET, "/", effect: .reads, envelope: false)
    guard let version = root.objectValue?["version"]?.stringValue else {
      throw StoreError(.unreachable, "\(transport.endpoint) does not report a version at GET /; is it a Qdrant API?")
    }
    let parts = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
    guard parts.count >= 2, let major = parts[0], let minor = parts[1] else {
      throw StoreError(
        .unreachable,
        "\(transport.endpoint) reports version \(QuotedForMessage.text(version, limit: 40)), which ragops cannot read")
    }
    guard major == oldestVersion.major, minor >= oldestVersion.minor else {
      throw StoreError(
        .unreachable,
        "\(transport.endpoint) runs Qdrant \(QuotedForMessage.text(version, limit: 40)); ragops speaks Qdrant 1.\(oldestVersion.minor) and later 1.x"
      )
    }
    return version
  }

  func close(after status: ExitStatus, report: (String) -> Void) -> ExitStatus { status }

  // MARK: Collections

  func collectionNames() async throws(StoreError) -> [String] {
    let result = try await transport.call(.GET, "/collections", effect: .reads)
    let collections = try QdrantDecoding.array(result.objectValue?["collections"], "result.collections")
    return try collections.map { (entry) throws(StoreError) -> String in
      guard let name = entry.objectValue?["name"]?.stringValue else {
        throw QdrantDecoding.missing("result.collections[].name")
      }
      // A name this store could not hold (a control character, a slash) is never printed.
      do throws(StoreError) {
        try CollectionName.validate(name)
      } catch {
        throw StoreError(.unreachable, "\(location) lists a collection whose name ragops cannot show: \(error.message)")
      }
      return name
    }.sorted()
  }

  func collectionInfo(_ name: String) async throws(StoreError) -> CollectionInfo {
    let result = try await transport.call(.GET, "/collections/" + QdrantEndpoint.segment(name), effect: .reads)
    let aliases = try await self.aliases().filter { $0.collection == name }.map(\.alias)
    return try QdrantDecoding.collectionInfo(name, result, aliases: aliases)
  }

  func collectionConfig(_ name: String) async throws(StoreError) -> CollectionConfig {
    try await collectionInfo(name).config
  }

  func aliases() async throws(StoreError) -> [(alias: String, collection: String)] {
    let result = try await transport.call(.GET, "/aliases", effect: .reads)
    let entries = try QdrantDecoding.array(result.objectValue?["aliases"], "result.aliases")
    var aliases: [(alias: String, collection: String)] = []
    for entry in entries {
      guard let object = entry.objectValue, let alias = object["alias_name"]?.stringValue,
        let collection = object["collection_name"]?.stringValue
      else { throw QdrantDecoding.missing("result.aliases[]") }
      aliases.append((alias, collection))
    }
    return aliases.sorted { $0.alias < $1.alias }
  }

  func createCollection(_ name: String, config: CollectionConfig) async throws(StoreError) {
    try config.validate()
    let body: JSONValue = [
      "vectors": [
        "size": .int(Int64(config.dimension)), "distance": .string(config.distance.qdrantName),
        "on_disk": .bool(config.storage == .mmap),
      ],
      "hnsw_config": ["m": .int(Int64(config.hnswM)), "ef_construct": .int(Int64(config.hnswEfConstruct))],
      "optimizers_config": ["indexing_threshold": .int(Int64(config.indexingThresholdKB))],
    ]
    _ = try await transport.call(.PUT, "/collections/" + QdrantEndpoint.segment(name), body: body, effect: .writes)
  }

  func dropCollection(_ name: String) async throws(StoreError) {
    let existed = try await transport.call(.DELETE, "/collections/" + QdrantEndpoint.segment(name), effect: .writes)
    if existed == .bool(false) { throw StoreError(.notFound, "collection \(name) does not exist") }
  }

  func createAlias(_ alias: String, collection: String) async throws(StoreError) {
    try await aliasAction(["create_alias": ["collection_name": .string(collection), "alias_name": .string(alias)]])
  }

  func dropAlias(_ alias: String) async throws(StoreError) {
    guard try await aliases().contains(where: { $0.alias == alias }) else {
      throw StoreError(.notFound, "alias \(alias) does not exist")
    }
    try await aliasAction(["delete_alias": ["alias_name": .string(alias)]])
  }

  private func aliasAction(_ action: JSONValue) async throws(StoreError) {
    _ = try await transport.call(.POST, "/collections/aliases", body: ["actions": [action]], effect: .writes)
  }

  func createPayloadIndex(collection: String, field: String, type: PayloadIndexType) async throws(StoreError) {
    _ = try await transport.call(
      .PUT, "/collections/\(QdrantEndpoint.segment(collection))/index", query: [("wait", "true")],
      body: ["field_name": .string(field), "field_schema": .string(type.rawValue)], effect: .writes)
  }
}
