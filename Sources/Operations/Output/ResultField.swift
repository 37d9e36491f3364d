/// One `name: value` line of a record shown as fields.
public struct ResultField: Hashable {
  /// The field's name, e.g. `dimension`.
  public var name: String
  /// The formatted value, e.g. `384`.
  public var value: String

  /// Creates a field.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension ResultField: Sendable {}
