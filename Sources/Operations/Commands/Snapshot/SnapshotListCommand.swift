public import ArgumentParser
import Model

/// `snapshot list [NAME] [--verify]`.
public struct SnapshotListCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List a collection's snapshots, or without NAME the full snapshots, newest first.",
    discussion: """
      Lists the data directory's own snapshots folder. VERIFIED is "not run" when the sidecar \
      is there and the archive's size is what its manifest records (cheap checks; the archive \
      is not read), "no" when one of those fails (the reason follows the table), and "yes" only \
      after --verify has read every archive in full and every checksum matched.
      """)

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions
  /// The collection.
  @Argument(help: "The collection (it need not exist any more); omit it for the full snapshots.")
  public var name: String?
  /// Full verification.
  @Flag(name: .long, help: "Read every archive in full and check every checksum.") public
    var verify = false

  /// Creates the command (used by the parser).
  public init() {}

  /// Lists the snapshots.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let reader = try context.backend.snapshotReader()
    let snapshots = if let name { try await reader.snapshots(name) } else { try await reader.fullSnapshots() }
    var rows: [(SnapshotDescription, SnapshotFormatting.Verification)] = []
    for snapshot in snapshots {
      guard verify else {
        rows.append((snapshot, SnapshotFormatting.Verification(listed: snapshot)))
        continue
      }
      do throws(StoreError) {
        rows.append((try await reader.verifySnapshotFile(at: snapshot.path), .passed))
      } catch {
        rows.append((snapshot, .failed(error.message)))
      }
    }
    return CommandResult(
      json: ["snapshots": .array(rows.map { SnapshotFormatting.json($0.0, verification: $0.1) })],
      blocks: SnapshotFormatting.blocks(rows))
  }
}
