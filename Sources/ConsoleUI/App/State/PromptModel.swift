import Model
/// The one-line prompt at the bottom: the `:` command line, the `/` filter, or a question.
public struct PromptModel: Hashable {
  /// What the typed line is for.
  public enum Kind: Hashable, Sendable {
    /// A command of the operator language.
    case command
    /// The filter of the current table or of the points.
    case filter
    /// The name to restore a snapshot under.
    case restoreAs(snapshot: String)
    /// The name to restore a backup under (empty: its own).
    case restoreBackupAs(id: Int64)
    /// The collection a manual backup covers (empty: all).
    case backupScope
  }

  /// What the line is for.
  public var kind: Kind
  /// The text and cursor.
  public var field: TextFieldState
  /// Completions offered by the last `Tab`.
  public var candidates: [String] = []
  /// Position while walking the history with the arrows (`nil`: not walking).
  public var historyIndex: Int?

  /// Creates a prompt.
  public init(kind: Kind, text: String = "") {
    self.kind = kind
    self.field = TextFieldState(text)
  }

  /// The label before the text.
  public var label: String {
    switch kind {
    case .command: ":"
    case .filter: "/"
    case .restoreAs: "restore as: "
    case .restoreBackupAs: "restore as (empty: original name): "
    case .backupScope: "backup now, collection (empty: all): "
    }
  }
}

extension PromptModel: Sendable {}
