public import Model

/// What a command produced, in both forms: JSON for `--json` and blocks for people.
public struct CommandResult: Hashable {
  /// The machine-readable result.
  public var json: JSONValue
  /// The human-readable result, rendered by ``TextRenderer``.
  public var blocks: [ResultBlock]

  /// Creates a result.
  public init(json: JSONValue = .null, blocks: [ResultBlock] = []) {
    self.json = json
    self.blocks = blocks
  }
}

extension CommandResult: Sendable {}
