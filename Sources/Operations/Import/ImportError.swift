/// A point file that cannot be imported: where, what, and whose fault.
///
/// Messages name the file, the 1-based line (JSON Lines) or the 0-based record (fvecs, where
/// the record index is also the point id), and the problem. They never quote the file's
/// content; the one exception is an unknown field's name, which is shown escaped and cut short.
/// Vector components are numbered from 0, like array indexes.
public struct ImportError: Error, Hashable, CustomStringConvertible {
  /// Who has to act to fix the problem.
  public enum Fault: Hashable, Sendable {
    /// The file's content, its name or its format: the user fixes the data or the command.
    case input
    /// The system failed while reading; the data may be fine.
    case system
  }

  /// Where in the file the problem is.
  public enum Location: Hashable, Sendable {
    /// The file as a whole (opening it, its size, its format).
    case file
    /// A 1-based line of a JSON Lines file, with the 1-based column when one is known.
    case line(Int, column: Int?)
    /// A 0-based record of an fvecs file.
    case record(Int)
  }

  /// What the vector's expected length comes from, for dimension errors.
  public enum DimensionSource: Hashable, Sendable {
    /// The target collection's configuration.
    case collection
    /// The first point in the file, when no dimension was given.
    case firstPoint
  }

  /// What is wrong.
  public enum Problem: Hashable, Sendable {
    /// The file could not be opened; the system's reason.
    case cannotOpen(reason: String)
    /// Reading failed part way; the system's reason.
    case readFailed(reason: String)
    /// The format was not given and the file name's extension does not tell it.
    case unknownFormat
    /// A line is longer than the reader accepts.
    case lineTooLong(limit: Int)
    /// The line is not valid JSON; the parser's reason.
    case malformedJSON(reason: String)
    /// The line is valid JSON but not an object; the JSON type found.
    case notAnObject(found: String)
    /// The object has a field other than `id`, `vector` and `payload`.
    case unknownField(String)
    /// The object lacks a required field (`id` or `vector`).
    case missingField(String)
    /// The id is neither a non-negative integer nor a UUID string.
    case invalidID
    /// The vector is not an array of numbers: the JSON type found, and the 0-based component
    /// holding it when the vector is an array.
    case vectorNotNumbers(found: String, component: Int?)
    /// The vector has no components.
    case emptyVector
    /// The vector's length differs from the expected dimension.
    case wrongDimension(found: Int, expected: Int, source: DimensionSource)
    /// A component is infinite or NaN (in JSON, a number too large for a 32-bit float).
    case nonFiniteComponent(index: Int)
    /// The payload is neither an object nor `null`; the JSON type found.
    case payloadNotObject(found: String)
    /// An object on the line has more keys than a payload object may
    /// (``PayloadLimits/maximumKeysPerObject``, given as `limit`).
    case tooManyKeys(limit: Int)
    /// An fvecs record declares a dimension outside 1...``PointFileReader/maximumDimension``.
    case invalidRecordDimension(Int)
    /// An fvecs stream's size is not a whole number of records; `recordSize` is `nil` when
    /// the stream ends before the first record's dimension.
    case truncated(bytes: Int, recordSize: Int?)
  }

  /// The file as named by the user, or `stdin`.
  public var file: String
  /// Where in the file.
  public var location: Location
  /// What is wrong.
  public var problem: Problem

  /// Creates an error.
  public init(file: String, location: Location = .file, problem: Problem) {
    self.file = file
    self.location = location
    self.problem = problem
  }

  /// Whether the data or the system is to blame.
  public var fault: Fault {
    if case .readFailed = problem { return .system }
    return .input
  }

  /// The message without the file name.
  ///
  /// For example: "line 17: vector has 3 components, the collection needs 4".
  public var message: String {
    let prefix: String
    switch location {
    case .file: prefix = ""
    case .line(let line, column: nil): prefix = "line \(line): "
    case .line(let line, column: let column?): prefix = "line \(line), column \(column): "
    case .record(let record): prefix = "record \(record): "
    }
    return prefix + problemText
  }

  /// `"file: message"`.
  public var description: String { "\(file): \(message)" }

  private var problemText: String {
    switch problem {
    case .cannotOpen(let reason): "cannot open the file: \(reason)"
    case .readFailed(let reason): "read failed: \(reason)"
    case .unknownFormat:
      "cannot tell the format from the file name; name it explicitly (jsonl or fvecs)"
    case .lineTooLong(let limit): "line is longer than \(limit) bytes"
    case .malformedJSON(let reason): "malformed JSON: \(reason)"
    case .notAnObject(let found):
      "expected a JSON object with id and vector, found \(article(found))"
    case .unknownField(let name):
      "unknown field \(name) (a point has only id, vector and payload)"
    case .missingField(let name): "missing field \"\(name)\""
    case .invalidID: "id must be a non-negative integer or a UUID string"
    case .vectorNotNumbers(let found, nil):
      "vector must be an array of numbers, found \(article(found))"
    case .vectorNotNumbers(let found, let component?):
      "vector must be an array of numbers, found \(article(found)) at component \(component)"
    case .emptyVector: "vector is empty"
    case .wrongDimension(let found, let expected, .collection):
      "vector has \(found) components, the collection needs \(expected)"
    case .wrongDimension(let found, let expected, .firstPoint):
      "vector has \(found) components, the first point in the file has \(expected)"
    case .nonFiniteComponent(let index): "vector component \(index) is not finite"
    case .payloadNotObject(let found): "payload must be an object or null, found \(article(found))"
    case .tooManyKeys(let limit):
      "an object has more than \(limit) keys (the cap per payload object)"
    case .invalidRecordDimension(let dimension):
      "record declares \(dimension) components; an fvecs record needs 1 to "
        + "\(PointFileReader.maximumDimension)"
    case .truncated(let bytes, let recordSize?):
      "truncated: \(bytes) bytes is not a whole number of \(recordSize)-byte records"
    case .truncated(let bytes, nil):
      "truncated: \(bytes) bytes is too short for an fvecs record's dimension"
    }
  }

  /// "a string", "an object", "null".
  private func article(_ typeName: String) -> String {
    if typeName == "null" { return typeName }
    return (typeName.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + typeName
  }
}

extension ImportError: Sendable {}
