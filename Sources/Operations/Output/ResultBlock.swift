/// One part of a command's text output.
public enum ResultBlock: Hashable {
  /// Aligned rows under a header.
  case table(ResultTable)
  /// A single record as `name: value` lines.
  case fields([ResultField])
  /// Free text such as a confirmation or help; may span lines.
  case text(String)
}

extension ResultBlock: Sendable {}
