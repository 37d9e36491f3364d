@testable import VectorEngine
@testable import Model

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
      if let difference = difference(value, reread) {
        preconditionFailure("JSONWriter's output reads back differently: \(difference)")
      }
    }
    return .accepted
  }

  /// The kinds of the first two values that differ (never their contents), or `nil`.
  private static func difference(_ original: JSONValue, _ reread: JSONValue) -> String? {
    switch (original, reread) {
    case (.array(let left), .array(let right)) where left.count == right.count:
      return zip(left, right).lazy.compactMap { difference($0, $1) }.first
    case (.object(let left), .object(let right)) where left.keys == right.keys:
      return zip(left.values, right.values).lazy.compactMap { difference($0, $1) }.first
    default:
      return original == reread ? nil : "\(kind(original)) became \(kind(reread))"
    }
  }

  private static func kind(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "a bool"
    case .int: "an integer"
    case .uint: "a large unsigned integer"
    case .double(let number): number.isFinite ? "a double" : "a non-finite double"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
