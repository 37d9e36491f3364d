/// The kinds of payload index (Qdrant's `PayloadSchemaType`).
public enum PayloadIndexType: String, Hashable, CaseIterable {
  /// Exact string values: `match` value/any/except.
  case keyword
  /// 64-bit integers: `match` and `range`.
  case integer
  /// Floating-point numbers (integers accepted): `range`.
  case float
  /// `true` / `false`: `match`.
  case bool

  /// Whether a payload value may be stored in an index of this type.
  public func accepts(_ value: JSONValue) -> Bool {
    switch (self, value) {
    case (.keyword, .string), (.integer, .int), (.float, .int), (.float, .uint), (.float, .double),
      (.bool, .bool):
      true
    default:
      false
    }
  }
}

extension PayloadIndexType: Sendable {}
