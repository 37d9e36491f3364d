/// Why an edited payload cannot be saved: the user's text is not a JSON object.
public struct PayloadEditError: Error, Hashable {
  /// What is wrong, with the line and column for syntax errors.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }
}

extension PayloadEditError: Sendable {}
