/// Why the console could not take over the terminal: the environment's problem, not the
/// user's input and not a bug.
public struct TerminalError: Error, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: String, Hashable, Sendable {
    /// There is no controlling terminal to draw on (`/dev/tty` cannot be opened): the
    /// console was started from a pipe, a service or a CI job. `--batch` works there.
    case noTerminal
    /// curses does not know the terminal type (`$TERM` unset, or no terminfo entry for it).
    case unknownTerminalType
  }

  /// What went wrong.
  public var kind: Kind
  /// A sentence for the user, saying what to do about it.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message.
  public var description: String { message }
}

extension TerminalError: Sendable {}
