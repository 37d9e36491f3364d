public import ArgumentParser
import Model

/// `collections`: the collections table.
public struct CollectionsCommand: OperatorCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "collections", abstract: "List collections with their size and configuration.")

  /// Shell-level options (data directory, output form).
  @OptionGroup public var globals: GlobalOptions

  /// Creates the command (used by the parser).
  public init() {}

  /// Lists every collection.
  public func execute(in context: CommandContext) async throws -> CommandResult {
    let backend = context.backend
    var rows: [[String]] = []
    var items: [JSONValue] = []
    var problems = backend.problems
    for info in try await backend.collectionReader().collectionInfos() {
      guard info.isOpened else {
        // One damaged collection is a red row and a note, not a failed listing.
        rows.append([info.name, "red", "", "", "", "", "", ""])
        items.append(["name": .string(info.name), "status": "red", "problem": .string(info.problem ?? "")])
        problems.append("collection \(info.name): \(info.problem ?? "cannot be opened")")
        continue
      }
      let name = info.name
      rows.append([
        info.aliases.isEmpty ? name : "\(name) (\(info.aliases.joined(separator: ", ")))", info.status,
        Quantity.count(info.pointsCount), String(info.segmentsCount),
        "\(info.config.dimension) · \(info.config.distance.rawValue)", info.config.storage.rawValue,
        Quantity.bytes(info.diskBytes), Quantity.bytes(info.ramBytes),
      ])
      items.append(CollectionInfoCommand.json(info))
    }
    let table = ResultTable(
      columns: [
        .left("name"), .left("status"), .right("points"), .right("segments"), .left("vectors"),
        .left("storage"), .right("disk"), .right("ram"),
      ],
      rows: rows)
    var json: JSONObject = ["collections": .array(items)]
    if !problems.isEmpty { json["problems"] = .array(problems.map { .string($0) }) }
    return CommandResult(
      json: .object(json), blocks: [.table(table)] + problems.map { .text("problem: \($0)") })
  }
}
