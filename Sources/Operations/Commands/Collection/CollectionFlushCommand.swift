public import ArgumentParser
import Model

/// `collection flush NAME`.
public struct CollectionFlushCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "flush", abstract: "Seal points waiting in the write-ahead log into a segment file now.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection or alias.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Seals the collection's appendable segment.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    try await context.backend.maintenanceWriter().flush(name)
    let info = try await context.backend.collectionReader().collectionInfo(name)
    return CommandResult(
      json: ["flushed": .string(info.name), "segments_count": .int(Int64(info.segmentsCount))],
      blocks: [.text("flushed \(info.name): \(info.segmentsCount) segments")])
  }
}
