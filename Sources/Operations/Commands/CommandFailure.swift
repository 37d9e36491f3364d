/// A command that failed part-way, saying what was done before it stopped.
public struct CommandFailure: Error, Hashable, CustomStringConvertible {
  /// What happened, for the operator.
  public var message: String

  /// Creates a failure.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}

extension CommandFailure: Sendable {}
