/// A schedule given by the operator could not be understood (the operator's fault).
public struct ScheduleSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
