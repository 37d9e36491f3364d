/// One section of the help screen: a context's heading and its keys.
public struct HelpSection: Hashable {
  /// The context the keys apply in.
  public var context: KeyContext
  /// The rows: keys and the action (whose ``Action/summary`` help shows).
  public var rows: [KeyHint]

  /// Creates a section.
  public init(context: KeyContext, rows: [KeyHint]) {
    self.context = context
    self.rows = rows
  }

  /// The heading.
  public var title: String { context.title }
}

extension HelpSection: Sendable {}
