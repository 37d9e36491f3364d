public import ArgumentParser
public import Model

/// `collection create NAME --dim N --distance D …`.
public struct CollectionCreateCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "create", abstract: "Create a collection.",
    discussion: "Names may not contain / \\ : * ? \" < > | or NUL, start with '.', or exceed 255 bytes.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The new collection's name.
  @Argument(help: "The collection's name.") public var name: String
  /// Vector size.
  @Option(name: .long, help: "Vector dimension (1…65536).") public var dim: Int
  /// Distance.
  @Option(name: .long, help: "How vectors are compared.") public var distance: Distance
  /// Storage mode.
  @Option(name: .long, help: "Where sealed vectors live at run time.") public var storage: StorageMode = .mmap
  /// HNSW m.
  @Option(name: .long, help: "HNSW links per node.") public var m: Int = 16
  /// HNSW ef_construct.
  @Option(name: .customLong("ef-construct"), help: "HNSW candidate list size while building.") public var efConstruct:
    Int = 100
  /// HNSW ef.
  @Option(name: .long, help: "Default HNSW candidate list size while searching.") public var ef: Int = 64
  /// Segment size.
  @Option(
    name: .customLong("segment-points"),
    help: "Points held in the write-ahead log before they are sealed into a segment file.")
  public var segmentPoints: Int = 50_000
  /// Unindexed data before an early seal.
  @Option(
    name: .customLong("indexing-threshold-kb"),
    help: ArgumentHelp(
      "Seal unsealed vectors into an indexed segment once they pass this many KB (0: only at --segment-points).",
      discussion:
        "Bounds the exact scan every search makes of points not yet in a graph; small segments are merged later."
    ))
  public var indexingThresholdKB: Int = CollectionConfig.defaultIndexingThresholdKB

  /// Creates the command (used by the parser).
  public init() {}

  /// The configuration the options describe.
  public var config: CollectionConfig {
    CollectionConfig(
      dimension: dim, distance: distance, storage: storage, hnswM: m, hnswEfConstruct: efConstruct,
      hnswEf: ef, segmentPoints: segmentPoints, indexingThresholdKB: indexingThresholdKB)
  }

  /// Creates the collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.collectionWriter().createCollection(name, config: config)
    return CommandResult(
      json: ["created": .string(name), "config": config.json],
      blocks: [.text("created collection \(name) (\(dim) dimensions, \(distance.rawValue), \(storage.rawValue))")])
  }
}
