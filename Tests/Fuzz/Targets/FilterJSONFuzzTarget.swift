@testable import VectorEngine
@testable import Model

/// Qdrant's JSON filter model (`Filter(json:)`, `FilterJSONCoding`), from a parsed document and
/// from text through `Filter.parse` (which locates errors in the text); every filter that
/// decodes is checked with ``FilterChecks``.
enum FilterJSONFuzzTarget {
  /// Runs `input` as a JSON filter document.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let text = FuzzBytes.text(input)
    if text.drop(while: \.isWhitespace).first == "{", let filter = try? Filter.parse(text) {
      FilterChecks.check(filter)
    }
    guard let json = try? JSONParser.parse(input), let filter = try? Filter(json: json) else {
      return .rejected
    }
    FilterChecks.check(filter)
    return .accepted
  }
}
