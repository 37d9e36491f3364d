public import Model

/// Builds the demo data directory: a few collections with realistic payloads and clustered
/// vectors, so every screen and command has something to show. Deterministic (seeded).
public enum DemoData {
  /// Creates the demo collections in `backend` unless they already exist.
  ///
  /// - Returns: whether anything was created.
  @discardableResult
  public static func install(into backend: any Backend) async throws(StoreError) -> Bool {
    guard try await backend.collectionReader().collectionNames().isEmpty else { return false }
    var random = DemoRandom(seed: 2026)
    try await makeDocs(backend, &random)
    try await makeTickets(backend, &random)
    try await makeProducts(backend, &random)
    try await backend.collectionWriter().createAlias("docs-live", collection: "docs")
    return true
  }

  /// Gives the demo a backup schedule (`nightly`, daily 02:00 UTC, 7 days, scope `docs`) and
  /// two verified manual backups, so the Backups page has something to show. Does nothing
  /// when the catalog already has a schedule.
  ///
  /// - Returns: whether anything was created.
  @discardableResult
  public static func installBackups(into backend: any Backend) throws(BackupError) -> Bool {
    let target: any BackupKeeping
    do throws(StoreError) {
      target = try backend.backupWriter()
    } catch {
      throw BackupError.from(error)
    }
    let service = try BackupService(dataDirectory: target.backupHome)
    guard try service.catalog.schedules().isEmpty else { return false }
    let spec: ScheduleSpec
    do {
      spec = try ScheduleSpec(.daily(hour: 2, minute: 0))
    } catch {
      throw BackupError(.invalidInput, error.message)
    }
    try service.setSchedule(
      name: "nightly", spec: spec, collection: "docs", retentionDays: 7, minimumKeep: 2, deadline: nil,
      backupDirectory: nil)
    _ = try service.backupNow(collection: "docs", backupDirectory: nil, target: target)
    _ = try service.backupNow(collection: "product-images", backupDirectory: nil, target: target)
    return true
  }

  private static let tenants = ["acme", "globex", "initech", "umbrella"]
  private static let sources = ["wiki", "handbook", "support", "blog", "api-reference"]
  private static let languages = ["en", "en", "en", "de", "fr", "ja"]
  private static let topics = [
    (
      "billing",
      [
        "Invoices are issued on the first business day of each month.",
        "Refunds are processed within five working days.", "Annual plans are billed up front with a 15% discount.",
      ]
    ),
    (
      "security",
      [
        "Rotate API keys every 90 days and after staff changes.", "Single sign-on supports SAML and OpenID Connect.",
        "Audit logs are kept for 400 days.",
      ]
    ),
    (
      "onboarding",
      [
        "Invite teammates from the workspace settings page.", "The quick start imports a sample dataset in one click.",
        "Each workspace starts with three free seats.",
      ]
    ),
    (
      "search",
      [
        "Hybrid search combines keyword and vector scores.", "Filters narrow results by tenant, language and year.",
        "Recall improves when the index has more links per node.",
      ]
    ),
    (
      "outages",
      [
        "Status updates are posted every thirty minutes during an incident.",
        "Failover to the secondary region takes under five minutes.",
        "Post-incident reviews are published within a week.",
      ]
    ),
    (
      "exports",
      [
        "Exports are delivered as JSON Lines files.", "Large exports are split into parts of one million rows.",
        "Scheduled exports run at 02:00 UTC.",
      ]
    ),
  ]

  private static func makeDocs(_ backend: any Backend, _ random: inout DemoRandom) async throws(StoreError) {
    let dimension = 48
    try await backend.collectionWriter().createCollection(
      "docs", config: CollectionConfig(dimension: dimension, distance: .cosine, storage: .mmap, segmentPoints: 1_500))
    let centers = topics.map { _ in random.unitVector(dimension) }
    var points: [PointStruct] = []
    for index in 0..<3_000 {
      let topic = random.below(topics.count)
      let (name, sentences) = topics[topic]
      let vector = zip(centers[topic], random.unitVector(dimension)).map { $0 * 0.85 + $1 * 0.35 }
      var tags: [JSONValue] = [.string(name)]
      if random.below(3) == 0 { tags.append(.string(["faq", "howto", "policy", "release-notes"][random.below(4)])) }
      let payload: JSONObject = [
        "tenant": .string(tenants[random.below(tenants.count)]),
        "source": .string(sources[random.below(sources.count)]),
        "lang": .string(languages[random.below(languages.count)]),
        "year": .int(Int64(2018 + random.below(8))),
        "tags": .array(tags),
        "text": .string(sentences[random.below(sentences.count)]),
        "chunk": .int(Int64(index % 12)),
      ]
      points.append(PointStruct(id: .number(UInt64(index + 1)), vector: vector, payload: payload))
    }
    for start in stride(from: 0, to: points.count, by: 500) {
      _ = try await backend.pointWriter().upsert(
        collection: "docs", points: Array(points[start..<min(start + 500, points.count)]))
    }
    try await backend.collectionWriter().createPayloadIndex(collection: "docs", field: "tenant", type: .keyword)
    try await backend.collectionWriter().createPayloadIndex(collection: "docs", field: "lang", type: .keyword)
    try await backend.collectionWriter().createPayloadIndex(collection: "docs", field: "year", type: .integer)
  }

  private static func makeTickets(_ backend: any Backend, _ random: inout DemoRandom) async throws(StoreError) {
    let dimension = 32
    try await backend.collectionWriter().createCollection(
      "support-tickets", config: CollectionConfig(dimension: dimension, distance: .dot, storage: .memory))
    let products = ["console", "engine", "backups", "billing"]
    let centers = products.map { _ in random.unitVector(dimension) }
    var points: [PointStruct] = []
    for index in 0..<800 {
      let product = random.below(products.count)
      let vector = zip(centers[product], random.unitVector(dimension)).map { $0 * 0.8 + $1 * 0.4 }
      let high = (0x1000_0000_0000_4000 as UInt64) | UInt64(index)
      let payload: JSONObject = [
        "product": .string(products[product]),
        "priority": .string(["low", "normal", "high", "urgent"][random.below(4)]),
        "status": .string(["open", "pending", "solved"][random.below(3)]),
        "customer": .string(tenants[random.below(tenants.count)]),
        "reopened": .bool(random.below(10) == 0),
        "age_days": .int(Int64(random.below(120))),
      ]
      points.append(
        PointStruct(
          id: .uuid(high: high, low: 0x8000_0000_0000_0000 | UInt64(random.below(1 << 30))), vector: vector,
          payload: payload))
    }
    _ = try await backend.pointWriter().upsert(collection: "support-tickets", points: points)
    try await backend.collectionWriter().createPayloadIndex(
      collection: "support-tickets", field: "status", type: .keyword)
  }

  private static func makeProducts(_ backend: any Backend, _ random: inout DemoRandom) async throws(StoreError) {
    let dimension = 16
    try await backend.collectionWriter().createCollection(
      "product-images", config: CollectionConfig(dimension: dimension, distance: .euclid, storage: .mmap))
    let categories = ["shoes", "bags", "watches", "jackets", "lamps"]
    var points: [PointStruct] = []
    for index in 0..<400 {
      let category = random.below(categories.count)
      let vector = (0..<dimension).map { component in
        Float(component % categories.count == category ? 2 : 0) + random.unit() - 0.5
      }
      let payload: JSONObject = [
        "category": .string(categories[category]),
        "price": .double(Double(random.below(40_000)) / 100 + 5),
        "in_stock": .bool(random.below(4) != 0),
        "color": .string(["black", "white", "red", "navy", "olive"][random.below(5)]),
      ]
      points.append(PointStruct(id: .number(UInt64(10_000 + index)), vector: vector, payload: payload))
    }
    _ = try await backend.pointWriter().upsert(collection: "product-images", points: points)
  }
}

/// SplitMix64, so the demo is the same on every machine.
struct DemoRandom {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) }

  mutating func unitVector(_ dimension: Int) -> [Float] {
    // Sum of uniforms approximates a Gaussian well enough for a direction.
    let raw = (0..<dimension).map { _ in (0..<4).reduce(Float(0)) { sum, _ in sum + unit() } - 2 }
    let norm = raw.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
    return norm > 0 ? raw.map { $0 / norm } : raw
  }
}
