public import ArgumentParser
public import VectorEngine

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
  public func execute(in context: CommandContext) throws -> CommandResult {
    let info = try context.backend.collectionInfo(name)
    let config = info.config
    var blocks: [ResultBlock] = [
      .fields([
        ResultField("name", info.name),
        ResultField("status", "green"),
        ResultField("points", ResultFormatting.count(info.pointsCount)),
        ResultField("segments", "\(info.segmentsCount) (\(ResultFormatting.count(info.unsealedPoints)) points not yet sealed)"),
        ResultField("vectors", "\(config.dimension) dimensions, \(config.distance.rawValue)"),
        ResultField("storage", config.storage.rawValue),
        ResultField("hnsw", "m=\(config.hnswM) ef_construct=\(config.hnswEfConstruct) ef=\(config.hnswEf)"),
        ResultField("segment size", "\(ResultFormatting.count(config.segmentPoints)) points"),
        ResultField("disk", ResultFormatting.bytes(info.diskBytes)),
        ResultField("ram", ResultFormatting.bytes(info.ramBytes)),
        ResultField("aliases", info.aliases.isEmpty ? "none" : info.aliases.joined(separator: ", ")),
      ])
    ]
    if info.payloadSchema.isEmpty {
      blocks.append(.text("payload schema: no indexes"))
    } else {
      blocks.append(.table(ResultTable(
        columns: [.left("field"), .left("type"), .right("points")],
        rows: info.payloadSchema.map { [$0.field, $0.type.rawValue, ResultFormatting.count($0.points)] })))
    }
    return CommandResult(json: Self.json(info), blocks: blocks)
  }

  /// The info as JSON, shaped after Qdrant's `CollectionInfo`.
  public static func json(_ info: CollectionInfo) -> JSONValue {
    var schema = JSONObject()
    for entry in info.payloadSchema {
      schema[entry.field] = ["data_type": .string(entry.type.rawValue), "points": .int(Int64(entry.points))]
    }
    return [
      "name": .string(info.name), "status": "green",
      "points_count": .int(Int64(info.pointsCount)), "segments_count": .int(Int64(info.segmentsCount)),
      "unsealed_points": .int(Int64(info.unsealedPoints)),
      "config": info.config.json, "payload_schema": .object(schema),
      "disk_bytes": .int(Int64(info.diskBytes)), "ram_bytes": .int(Int64(info.ramBytes)),
      "aliases": .array(info.aliases.map { .string($0) }),
    ]
  }
}
