public import ArgumentParser
import VectorEngine

/// A command of the operator language: parsed by swift-argument-parser from a script line,
/// a `-c` string, the console's `:` prompt or the shell, then executed against a backend.
public protocol OperatorCommand: ParsableCommand {
  /// Runs the command and describes its outcome.
  ///
  /// - Throws: ``ArgumentSyntaxError`` for a malformed argument value (a usage error),
  ///   `FilterSyntaxError` for a malformed filter, ``VectorEngine/EngineError`` or
  ///   ``ImportError``/``ExportError`` when the command itself fails.
  func execute(in context: CommandContext) throws -> CommandResult

  /// Checks argument syntax (filters, JSON, ids) without touching the store, so a script
  /// with a malformed line runs nothing.
  func checkArguments() throws

  /// The shell-level options given with the command (empty inside scripts).
  var globals: GlobalOptions { get }
}

/// What a command runs against.
public final class CommandContext {
  /// The store.
  public let backend: any Backend
  /// Whether `--file -` may read standard input (not when the script itself comes from it).
  public let standardInputIsFree: Bool
  /// Makes a progress reporter for long imports.
  public let makeProgress: () -> ImportProgress

  /// Creates a context.
  public init(backend: any Backend, standardInputIsFree: Bool = true, makeProgress: @escaping () -> ImportProgress = { ImportProgress() }) {
    self.backend = backend
    self.standardInputIsFree = standardInputIsFree
    self.makeProgress = makeProgress
  }
}

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

/// Parsing of argument values shared by the commands.
enum ArgumentValues {
  /// Parses a point id: an unsigned integer or a UUID.
  static func id(_ text: String) throws(ArgumentSyntaxError) -> PointID {
    guard let id = PointID(text) else {
      throw ArgumentSyntaxError(argument: text, message: "\(quoted(text)) is not a point id (an unsigned integer or a UUID)")
    }
    return id
  }

  /// Parses ids separated by commas (and/or given as several arguments).
  static func ids(_ texts: [String]) throws(ArgumentSyntaxError) -> [PointID] {
    var ids: [PointID] = []
    for text in texts {
      for part in text.split(separator: ",", omittingEmptySubsequences: true) {
        ids.append(try id(String(part).trimmingSpaces))
      }
    }
    return ids
  }

  /// Parses a filter in text or JSON form; an empty string means no filter.
  static func filter(_ text: String?) throws(FilterSyntaxError) -> Filter? {
    guard let text, !text.trimmingSpaces.isEmpty else { return nil }
    return try Filter.parse(text)
  }

  /// Parses a JSON object argument (payloads).
  static func object(_ text: String) throws(ArgumentSyntaxError) -> JSONObject {
    let value: JSONValue
    do {
      value = try JSONParser.parse(text)
    } catch {
      throw ArgumentSyntaxError(argument: text, message: "invalid JSON: \(error.message)", offset: error.offset + 1)
    }
    guard case .object(let object) = value else {
      throw ArgumentSyntaxError(argument: text, message: "expected a JSON object, got \(value.typeName == "integer" || value.typeName == "float" ? "a number" : "a \(value.typeName)")")
    }
    return object
  }

  /// Parses a JSON array of numbers (vectors).
  static func vector(_ text: String) throws(ArgumentSyntaxError) -> [Float] {
    var copy = text
    let result: Result<[Float], JSONSyntaxError> = copy.withUTF8 { buffer in
      Result { () throws(JSONSyntaxError) -> [Float] in
        var parser = JSONParser(bytes: UnsafeRawBufferPointer(buffer))
        let vector = try parser.readFloatArray()
        try parser.expectEnd()
        return vector
      }
    }
    switch result {
    case .success(let vector): return vector
    case .failure(let error):
      throw ArgumentSyntaxError(argument: text, message: "invalid vector: \(error.message) (expected a JSON array of numbers)", offset: error.offset + 1)
    }
  }

  static func quoted(_ text: String) -> String {
    "'" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "'"
  }
}

extension String {
  var trimmingSpaces: String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text.removeFirst() }
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return String(text)
  }
}
