/// Reading a script from a stream failed: the system's fault, or a line too long to hold.
///
/// The message never includes the script's text.
public struct ScriptReadError: Error, Hashable, CustomStringConvertible {
  /// The script's name, e.g. `stdin`.
  public var name: String
  /// What failed, e.g. "read failed: Input/output error".
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
