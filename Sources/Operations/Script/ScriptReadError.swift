/// Reading a script from a stream failed: the system's fault, or a line too long to hold.
///
/// The message never includes the script's text.
public struct ScriptReadError: Error, Hashable, CustomStringConvertible {
  /// The script's name, such as `stdin`.
  public var name: String
  /// What failed, such as "read failed: Input/output error".
  public var message: String

  /// Creates an error.
  public init(name: String, message: String) {
    self.name = name
    self.message = message
  }

  /// `"name: message"`.
  public var description: String { "\(name): \(message)" }
}

extension ScriptReadError: Sendable {}
