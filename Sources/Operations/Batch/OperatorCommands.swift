public import ArgumentParser

/// The root of the operator language: every command a script line, `-c` or the console's
/// `:` prompt may run. The executable adds the same groups to its own root.
public struct OperatorCommands: ParsableCommand {
  /// The language's top-level commands and groups.
  public static let all: [any ParsableCommand.Type] = [
    CollectionsCommand.self, CollectionGroup.self, AliasGroup.self, IndexGroup.self, PointsGroup.self,
    SearchCommand.self, QualityCommand.self, SnapshotGroup.self, ScheduleGroup.self, BackupGroup.self,
  ]

  /// The root's name and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "ragops", abstract: "Operate an embedded vector store.", subcommands: all)

  /// Creates the root (used by the parser).
  public init() {}

  /// The words that name `type` (e.g. `points count`), found in the command tree.
  public static func path(of type: any ParsableCommand.Type) -> String {
    func search(_ candidates: [any ParsableCommand.Type], prefix: [String]) -> [String]? {
      for candidate in candidates {
        let name = candidate.configuration.commandName ?? String(describing: candidate)
        if ObjectIdentifier(candidate) == ObjectIdentifier(type) { return prefix + [name] }
        if let found = search(candidate.configuration.subcommands, prefix: prefix + [name]) { return found }
      }
      return nil
    }
    return search(all, prefix: [])?.joined(separator: " ") ?? String(describing: type)
  }

  /// How many of the leading `words` name a command or group (`points count t` → 2).
  ///
  /// - Complexity: O(n) in the size of the command tree.
  public static func commandWordCount(of words: [String]) -> Int {
    var level: [any ParsableCommand.Type] = all
    var count = 0
    for word in words {
      guard let next = level.first(where: { $0.configuration.commandName == word }) else { break }
      count += 1
      level = next.configuration.subcommands
    }
    return count
  }

  /// The command or subcommand names that may follow `words` (for completion), or `nil` when
  /// `words` are not a command group (a leaf command, or not a command at all).
  ///
  /// - Complexity: O(n) in the size of the command tree.
  public static func subcommandNames(after words: [String]) -> [String]? {
    var level: [any ParsableCommand.Type] = all
    for word in words {
      guard let next = level.first(where: { $0.configuration.commandName == word }) else { return nil }
      level = next.configuration.subcommands
      if level.isEmpty { return nil }
    }
    return level.compactMap { $0.configuration.commandName }
  }
}
