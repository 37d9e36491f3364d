import ArgumentParser
import Model

/// Parsing of argument values shared by the commands.
enum ArgumentValues {
  /// Parses a point id: an unsigned integer or a UUID.
  static func id(_ text: String) throws(ArgumentSyntaxError) -> PointID {
    guard let id = PointID(text) else {
      throw ArgumentSyntaxError(
        argument: text, message: "\(quoted(text)) is not a point id (an unsigned integer or a UUID)")
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
      throw ArgumentSyntaxError(
        argument: text,
        message:
          "expected a JSON object, got \(value.typeName == "integer" || value.typeName == "float" ? "a number" : "a \(value.typeName)")"
      )
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
      throw ArgumentSyntaxError(
        argument: text, message: "invalid vector: \(error.message) (expected a JSON array of numbers)",
        offset: error.offset + 1)
    }
  }

  static func quoted(_ text: String) -> String {
    "'" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "'"
  }

  /// Checks a numeric option against the engine's range for it (``RequestLimits``), so a
  /// value out of range is a usage error before anything runs.
  ///
  /// - Throws: `ValidationError` "`--option` must be between `a` and `b`".
  static func check(_ value: Int?, in range: ClosedRange<Int>, option: String) throws {
    guard let value, !range.contains(value) else { return }
    throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound)")
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
