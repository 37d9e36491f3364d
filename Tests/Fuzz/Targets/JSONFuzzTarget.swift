@testable import VectorEngine

/// The JSON reader (`JSONParser`) and writer: what parses is written compact and pretty, and
/// both must read back as the same value.
enum JSONFuzzTarget {
  /// Runs `input` as a JSON document.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    guard let value = try? JSONParser.parse(input) else { return .rejected }
    for written in [JSONWriter.compact(value), JSONWriter.pretty(value)] {
      guard let reread = try? JSONParser.parse(written) else {
        preconditionFailure("JSONWriter wrote text JSONParser refuses")
      }
      precondition(reread == value, "JSONWriter's output reads back as a different value")
    }
    return .accepted
  }
}
