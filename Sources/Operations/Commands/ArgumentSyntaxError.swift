/// A malformed argument value (bad JSON, bad id): the user's typing, reported as a usage error.
public struct ArgumentSyntaxError: Error, Hashable, CustomStringConvertible {
  /// The argument's text as given, used to find its column in the command line.
  public var argument: String
  /// What is wrong.
  public var message: String
  /// The 1-based position inside `argument` of the problem, when known.
  public var offset: Int?

  /// Creates an error.
  public init(argument: String, message: String, offset: Int? = nil) {
    self.argument = argument
    self.message = message
    self.offset = offset
  }

  /// The message.
  public var description: String { message }
}

extension ArgumentSyntaxError: Sendable {}
