public import Model
import VectorEngine

/// Writes points as JSON Lines that ``PointFileReader`` reads back unchanged.
///
/// Each record becomes one line, `{"id":…,"vector":[…],"payload":{…}}`, with fields that the
/// record lacks (`vector` or `payload` is `nil`) left out. Vector components are written as
/// the shortest decimal text that reads back as the same `Float`, so export followed by
/// import is bit-exact. Output is buffered; call ``finish()`` to flush and see write errors.
public struct PointFileWriter: ~Copyable {
  /// The output path as given (`-` is standard output).
  public let path: String
  /// How many records have been written (some may still be buffered).
  public private(set) var pointsWritten = 0
  private var sink: OutputSink

  /// Creates or truncates `path`; `-` writes to standard output.
  ///
  /// - Throws: ``ExportError`` when the file cannot be created.
  public init(path: String) throws(ExportError) {
    self.path = path
    if path == "-" {
      sink = OutputSink(borrowing: 1)
    } else {
      do {
        sink = try OutputSink(path: path)
      } catch {
        throw ExportError(file: path, message: "cannot create the file: \(error.reason)")
      }
    }
  }

  /// Appends one record.
  ///
  /// - Complexity: O(n) in the size of the record.
  /// - Throws: ``ExportError`` when a buffered write fails.
  public mutating func write(_ record: PointRecord) throws(ExportError) {
    var line = "{\"id\":"
    switch record.id {
    case .number(let value): line += String(value)
    case .uuid: line += JSONWriter.quoted(record.id.description)
    }
    if let vector = record.vector {
      line.reserveCapacity(line.utf8.count + vector.count * 12 + 64)
      line += ",\"vector\":["
      for (index, component) in vector.enumerated() {
        if index > 0 { line += "," }
        line += Self.number(component)
      }
      line += "]"
    }
    if let payload = record.payload {
      line += ",\"payload\":"
      line += JSONWriter.compact(.object(payload))
    }
    line += "}\n"
    do {
      try sink.write(line)
    } catch {
      throw ExportError(file: displayName, message: "write failed: \(error.reason)")
    }
    pointsWritten += 1
  }

  /// Appends each record in order.
  ///
  /// - Complexity: O(n) in the total size of the records.
  /// - Throws: ``ExportError`` when a buffered write fails.
  public mutating func write(contentsOf records: some Sequence<PointRecord>) throws(ExportError) {
    for record in records { try write(record) }
  }

  /// Flushes buffered records and closes the file.
  ///
  /// - Complexity: O(n) in the buffered bytes (at most about 1 MiB).
  /// - Throws: ``ExportError`` when the final write or close fails.
  public consuming func finish() throws(ExportError) {
    do {
      try sink.close()
    } catch {
      throw ExportError(file: displayName, message: "\(error.operation) failed: \(error.reason)")
    }
  }

  private var displayName: String { path == "-" ? "stdout" : path }

  /// The component's JSON text; negative zero keeps its sign so it reads back bit-exactly.
  private static func number(_ value: Float) -> String {
    if value == 0 && value.sign == .minus { return "-0.0" }
    return JSONWriter.number(value)
  }
}

extension PointFileWriter: Sendable {}
