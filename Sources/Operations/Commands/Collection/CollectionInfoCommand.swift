public import ArgumentParser
public import Model

/// `collection info NAME`.
public struct CollectionInfoCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "info", abstract: "Show a collection's configuration, size and payload schema.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection (or alias).
  @Argument(help: "The collection or alias.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Describes the collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let info = try await context.backend.collectionReader().collectionInfo(name)
    let config = info.config
    var blocks: [ResultBlock] = [
      .fields([
        ResultField("name", info.name),
        ResultField("status", info.problem.map { "red: \($0)" } ?? info.status),
        ResultField("points", Quantity.count(info.pointsCount)),
        ResultField("segments", "\(info.segmentsCount) (\(Quantity.count(info.unsealedPoints)) points not yet sealed)"),
        ResultField("vectors", "\(config.dimension) dimensions, \(config.distance.rawValue)"),
        ResultField("storage", config.storage.rawValue),
        ResultField("hnsw", "m=\(config.hnswM) ef_construct=\(config.hnswEfConstruct) ef=\(config.hnswEf)"),
        ResultField("segment size", "\(Quantity.count(config.segmentPoints)) points"),
        ResultField("index threshold", Quantity.indexingThreshold(kilobytes: config.indexingThresholdKB)),
        ResultField("disk", Quantity.bytes(info.diskBytes)),
        ResultField("ram", Quantity.bytes(info.ramBytes)),
        ResultField("aliases", info.aliases.isEmpty ? "none" : info.aliases.joined(separator: ", ")),
      ])
    ]
    if info.payloadSchema.isEmpty {
      blocks.append(.text("payload schema: no indexes"))
    } else {
      blocks.append(
        .table(
          ResultTable(
            columns: [.left("field"), .left("type"), .right("points")],
            rows: info.payloadSchema.map { [$0.field, $0.type.rawValue, Quantity.count($0.points)] })))
    }
    if info.indexStats.isEmpty {
      blocks.append(.text("hnsw graphs: no sealed segment yet"))
    } else {
      blocks.append(
        .table(
          ResultTable(
            columns: [
              .right("segment"), .right("points"), .left("graph"), .right("layers"), .left("nodes per layer"),
              .right("degree l0 mean/max"), .right("degree upper mean/max"),
            ],
            rows: info.indexStats.map(Self.indexRow))))
    }
    var json = Self.json(info)
    if case .object(var object) = json {
      object["index"] = .array(info.indexStats.map(Self.indexJSON))
      json = .object(object)
    }
    return CommandResult(json: json, blocks: blocks)
  }

  /// One segment's graph as a row of the text table.
  static func indexRow(_ stats: SegmentIndexStats) -> [String] {
    guard stats.hasGraph else {
      return ["\(stats.segment)", Quantity.count(stats.points), "none (scan)", "-", "-", "-", "-"]
    }
    return [
      "\(stats.segment)", Quantity.count(stats.points), "hnsw", "\(stats.layers)",
      stats.nodesPerLayer.map(Quantity.count).joined(separator: " / "),
      "\(Quantity.oneDecimal(stats.meanDegreeLevel0))/\(stats.maxDegreeLevel0)",
      stats.layers > 1 ? "\(Quantity.oneDecimal(stats.meanDegreeUpper))/\(stats.maxDegreeUpper)" : "-",
    ]
  }

  /// One segment's graph as JSON: `{"segment": 1, "points": …, "has_graph": true, …}`.
  public static func indexJSON(_ stats: SegmentIndexStats) -> JSONValue {
    var object: JSONObject = [
      "segment": .int(Int64(stats.segment)), "points": .int(Int64(stats.points)), "has_graph": .bool(stats.hasGraph),
    ]
    guard stats.hasGraph else { return .object(object) }
    object["max_level"] = stats.maxLevel.map { .int(Int64($0)) } ?? .null
    object["nodes_per_layer"] = .array(stats.nodesPerLayer.map { .int(Int64($0)) })
    object["degree_level0"] = ["mean": .double(stats.meanDegreeLevel0), "max": .int(Int64(stats.maxDegreeLevel0))]
    object["degree_upper"] = ["mean": .double(stats.meanDegreeUpper), "max": .int(Int64(stats.maxDegreeUpper))]
    return .object(object)
  }

  /// The info as JSON, shaped after Qdrant's `CollectionInfo`.
  public static func json(_ info: CollectionInfo) -> JSONValue {
    var schema = JSONObject()
    for entry in info.payloadSchema {
      schema[entry.field] = ["data_type": .string(entry.type.rawValue), "points": .int(Int64(entry.points))]
    }
    var object: JSONObject = [
      "name": .string(info.name), "status": .string(info.status),
      "points_count": .int(Int64(info.pointsCount)), "segments_count": .int(Int64(info.segmentsCount)),
      "unsealed_points": .int(Int64(info.unsealedPoints)),
      "config": info.config.json, "payload_schema": .object(schema),
      "disk_bytes": .int(Int64(info.diskBytes)), "ram_bytes": .int(Int64(info.ramBytes)),
      "aliases": .array(info.aliases.map { .string($0) }),
    ]
    if let problem = info.problem { object["problem"] = .string(problem) }
    return .object(object)
  }
}
