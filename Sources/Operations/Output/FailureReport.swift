import ArgumentParser
import Model

/// What a failure means for the operator: the one place that turns any error ragops can meet
/// into a sentence, where it points, and the exit status. The batch runner, the shell commands,
/// the console and the executable all report through it.
public struct FailureReport: Hashable, Sendable {
  /// One sentence naming what failed and where; never file contents or secrets.
  public var message: String
  /// Where in the input the problem is (`column 7`), when the error knows.
  public var location: String?
  /// Lines that show the problem (a filter with a caret under it), or none.
  public var illustration: [String]
  /// The exit status the failure gives a process.
  public var status: ExitStatus

  /// The report for `error`; a filter error is drawn under `filterExpression` when given.
  public init(_ error: any Error, filterExpression: String? = nil) {
    location = nil
    illustration = []
    switch error {
    case let error as FilterSyntaxError:
      message = "filter: " + error.message
      location = error.line == 1 ? "column \(error.column)" : "line \(error.line), column \(error.column)"
      if let filterExpression {
        let diagram = error.caretDiagram(for: filterExpression)
        illustration = diagram.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      }
      status = .usage
    case let error as ArgumentSyntaxError:
      message = error.message
      status = .usage
    case let error as ValidationError:
      message = error.message
      status = .usage
    case let error as StoreError:
      message = error.message
      status = error.kind == .locked ? .locked : .commandFailed
    case let error as BackupError:
      message = error.message
      status = ExitStatus(error)
    case let error as CommandFailure:
      message = error.message
      status = .commandFailed
    default:
      message = "\(error)"
      status = .commandFailed
    }
  }

  /// The message with its location in parentheses, for one line of a status bar.
  public var oneLine: String {
    location.map { "\(message) (\($0))" } ?? message
  }
}
