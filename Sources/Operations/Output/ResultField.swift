/// One `name: value` line of a record shown as fields.
public struct ResultField: Hashable {
  /// The field's name, such as `dimension`.
  public var name: String
  /// The formatted value, such as `384`.
  public var value: String

  /// Creates a field.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension ResultField: Sendable {}
