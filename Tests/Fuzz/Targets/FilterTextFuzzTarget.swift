@testable import VectorEngine
@testable import Model

/// The filter text form (`Filter.parse`, `FilterTextParser`): every filter that parses is
/// checked with ``FilterChecks``.
enum FilterTextFuzzTarget {
  /// Runs `input` as a filter expression.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let text = FuzzBytes.text(input)
    _ = try? FilterTextParser.parse(text)
    guard let filter = try? Filter.parse(text) else { return .rejected }
    FilterChecks.check(filter)
    return .accepted
  }
}
