public import ArgumentParser
import Model

/// `collection repair NAME`: set a damaged write-ahead log aside.
public struct CollectionRepairCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "repair",
    abstract: "Set a damaged write-ahead log aside so the collection opens with the records before the damage.",
    discussion: """
      When a collection is refused because its write-ahead log is damaged, restoring it from a \
      snapshot or backup loses nothing that was snapshotted. This command instead keeps the \
      intact records before the damage and moves the damaged files aside as \
      wal-....log.damaged-N (kept for inspection, never read again); the records from the \
      damage on are not replayed.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection.") public var name: String

  /// Creates the command (used by the parser).
  public init() {}

  /// Sets the damage aside and reports the files moved.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let moved = try await context.backend.maintenanceWriter().setAsideDamagedLog(name)
    let text =
      moved.isEmpty
      ? "collection \(name): its write-ahead log has no damage; nothing was changed"
      : "collection \(name): set aside \(moved.joined(separator: ", ")); it opens with the records before the damage"
    return CommandResult(
      json: ["collection": .string(name), "set_aside": .array(moved.map { .string($0) })], blocks: [.text(text)])
  }
}
