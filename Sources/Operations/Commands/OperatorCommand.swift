public import ArgumentParser
import Model

/// A command of the operator language: parsed by swift-argument-parser from a script line,
/// a `-c` string, the console's `:` prompt or the shell, then executed against a backend.
public protocol OperatorCommand: ParsableCommand {
  /// Runs the command and describes its outcome.
  ///
  /// - Throws: ``ArgumentSyntaxError`` for a malformed argument value (a usage error),
  ///   `FilterSyntaxError` for a malformed filter, ``VectorEngine/StoreError`` or
  ///   ``ImportError``/``ExportError`` when the command itself fails.
  func execute(in context: CommandContext) async throws -> CommandResult

  /// Checks argument syntax (filters, JSON, ids) without touching the store, so a script
  /// with a malformed line runs nothing.
  func checkArguments() throws

  /// The shell-level options given with the command (empty inside scripts).
  var globals: GlobalOptions { get }

  /// The filter expression the command was given, so a filter error can be shown under it;
  /// `nil` for commands without `--filter`.
  var filterExpression: String? { get }
}

extension OperatorCommand {
  /// No filter.
  public var filterExpression: String? { nil }
}
