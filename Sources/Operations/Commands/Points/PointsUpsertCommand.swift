public import ArgumentParser
import Model

/// `points upsert NAME --file FILE|-`.
public struct PointsUpsertCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "upsert", abstract: "Insert or replace points from a JSON Lines or .fvecs file.",
    discussion: """
      JSON Lines: one {"id": 1 or "UUID", "vector": [...], "payload": {...}} per line. \
      .fvecs: little-endian records of int32 d then d float32; ids are 0, 1, 2, … in file order. \
      Points are written in batches; each batch is durable (fsynced) and atomic before the next \
      is read. Within a batch a repeated id keeps its last occurrence.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String
  /// The input.
  @Option(name: .long, help: ArgumentHelp("The input file, or - for standard input.", valueName: "file")) public
    var file: String
  /// The format override.
  @Option(name: .long, help: "The input format (default: from the extension; JSON Lines for -).") public var format:
    PointFileFormat?
  /// Batch size.
  @Option(name: .customLong("batch-size"), help: "Points per durable batch.") public var batchSize: Int = 1_000

  /// Index build threads.
  @Option(name: .long, help: "Threads that build the index of sealed segments (default: all cores).") public
    var threads: Int?

  /// Creates the command (used by the parser).
  public init() {}

  /// Checks the batch size and the thread count.
  public func validate() throws {
    guard (1...1_000_000).contains(batchSize) else {
      throw ValidationError("--batch-size must be between 1 and 1000000")
    }
    try ArgumentValues.check(threads, in: RequestLimits.indexThreads, option: "--threads")
  }

  /// Streams the file into the collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    if file == "-" && !context.standardInputIsFree {
      throw ArgumentSyntaxError(
        argument: file, message: "--file - cannot read standard input while the script itself comes from it")
    }
    let config = try await context.backend.collectionReader().collectionConfig(name)
    if let threads { try await context.backend.maintenanceWriter().setIndexThreads(name, threads: threads) }
    var reader = try PointFileReader(
      path: file, format: format, expectedDimension: config.dimension, batchSize: batchSize)
    var progress = context.makeProgress()
    defer { progress.finish() }
    let pipeline = UpsertPipeline(writer: try context.backend.pointWriter(), collection: name)
    let total: Int
    let lastOperation: UInt64
    do {
      while let batch = try reader.nextBatch() {
        try await pipeline.submit(batch)
        progress.update(
          pointsImported: pipeline.storedCount, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes)
      }
      (total, lastOperation) = try await pipeline.finish()
    } catch {
      let stored = await pipeline.drain()
      guard stored > 0 else { throw error }
      let note =
        stored == 1 ? "the 1 point before it was stored" : "the \(Quantity.count(stored)) points before it were stored"
      throw CommandFailure("\(error); \(note)")
    }
    return CommandResult(
      json: [
        "collection": .string(name), "upserted": .int(Int64(total)),
        "operation_id": .int(Int64(lastOperation)), "status": "completed",
      ],
      blocks: [.text("upserted \(Quantity.count(total)) points into \(name)")])
  }
}

extension PointFileFormat: ExpressibleByArgument {}
