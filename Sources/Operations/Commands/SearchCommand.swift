public import ArgumentParser
import Model

/// `search NAME (--vector JSON | --id ID) [--filter EXPR] [--limit K] [--exact]`.
public struct SearchCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "search", abstract: "Find the points nearest to a vector or to a stored point.",
    discussion:
      "With --id the point itself is left out of the results. Scores: cosine and dot, higher is closer; euclid is a distance, lower is closer."
  )

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// Query vector.
  @Option(name: .long, help: ArgumentHelp("The query vector as a JSON array.", valueName: "json")) public var vector:
    String?
  /// Query point.
  @Option(name: .long, help: ArgumentHelp("Search near this stored point.", valueName: "id")) public var id: String?
  /// Filter.
  @Option(name: .long, help: ArgumentHelp("A filter: text form or Qdrant JSON.", valueName: "expr")) public var filter:
    String?
  /// Result count.
  @Option(name: .long, help: "How many results.") public var limit: Int = 10
  /// Search ef.
  @Option(name: .long, help: "Candidate list size for the index search (default: the collection's).") public var ef:
    Int?
  /// Exact search.
  @Flag(name: .long, help: "Compare against every point instead of using the index.") public var exact = false
  /// Whether to show vectors.
  @Flag(name: .customLong("with-vector"), help: "Include vectors.") public var withVector = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the argument syntax.
  public func checkArguments() throws {
    _ = try ArgumentValues.filter(filter)
    if let vector { _ = try ArgumentValues.vector(vector) }
    if let id { _ = try ArgumentValues.id(id) }
  }

  /// Requires exactly one query.
  public func validate() throws {
    guard (vector == nil) != (id == nil) else { throw ValidationError("give either --vector or --id") }
    try ArgumentValues.check(limit, in: RequestLimits.searchLimit, option: "--limit")
    try ArgumentValues.check(ef, in: RequestLimits.ef, option: "--ef")
  }

  /// Runs the search.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let query: SearchRequest.Query =
      if let vector { .vector(try ArgumentValues.vector(vector)) } else { .point(try ArgumentValues.id(id ?? "")) }
    let request = SearchRequest(
      query: query, filter: try ArgumentValues.filter(filter), limit: limit, exact: exact, ef: ef,
      withPayload: true, withVector: withVector)
    let hits = try await context.backend.pointReader().search(collection: name, request: request)
    let records = hits.map { PointRecord(id: $0.id, payload: $0.payload, vector: $0.vector) }
    var scores: [PointID: Float] = [:]
    for hit in hits { scores[hit.id] = hit.score }
    let json: [JSONValue] = hits.map { hit in
      var object: JSONObject = ["id": hit.id.json, "score": .double(Double(hit.score))]
      if let payload = hit.payload { object["payload"] = .object(payload) }
      if let vector = hit.vector { object["vector"] = ResultFormatting.vectorJSON(vector) }
      return .object(object)
    }
    return CommandResult(
      json: ["points": .array(json)], blocks: [.table(ResultFormatting.pointsTable(records, score: scores))])
  }
}

extension SearchCommand {
  /// The `--filter` expression, shown under a filter error.
  public var filterExpression: String? { filter }
}
