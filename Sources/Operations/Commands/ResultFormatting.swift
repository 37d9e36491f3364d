public import Model

/// How values appear in text output.
public enum ResultFormatting {
  /// A score with 4 decimals.
  public static func score(_ value: Float) -> String {
    let scaled = (Double(value) * 10_000).rounded() / 10_000
    var text = "\(scaled)"
    if let dot = text.firstIndex(of: ".") {
      let decimals = text.distance(from: dot, to: text.endIndex) - 1
      if decimals < 4 && !text.contains("e") { text += String(repeating: "0", count: 4 - decimals) }
    }
    return text
  }

  /// A vector as compact JSON.
  public static func vector(_ vector: [Float]) -> String {
    "[" + vector.map { JSONWriter.number($0) }.joined(separator: ",") + "]"
  }

  /// A vector as JSON.
  public static func vectorJSON(_ vector: [Float]) -> JSONValue {
    .array(
      vector.map { value in
        if value == value.rounded(), abs(value) < 1e7, !(value == 0 && value.sign == .minus) {
          return .int(Int64(value))
        }
        return .double(Double(value))
      })
  }

  /// A point record as JSON (`id`, `payload`, `vector`).
  public static func json(_ record: PointRecord) -> JSONValue {
    var object: JSONObject = ["id": record.id.json]
    if let payload = record.payload { object["payload"] = .object(payload) }
    if let vector = record.vector { object["vector"] = vectorJSON(vector) }
    return .object(object)
  }

  /// A table of point records: id, then one column per top-level payload key (first seen
  /// order, at most `maximumColumns`), then the vector when present.
  public static func pointsTable(_ records: [PointRecord], score: [PointID: Float]? = nil, maximumColumns: Int = 8)
    -> ResultTable
  {
    var keys: [String] = []
    for record in records {
      for key in record.payload?.keys ?? [] where !keys.contains(key) && keys.count < maximumColumns {
        keys.append(key)
      }
    }
    var columns: [ResultColumn] = [.right("id")]
    if score != nil { columns.append(.right("score")) }
    columns.append(contentsOf: keys.map { ResultColumn.left($0) })
    let hasVectors = records.contains { $0.vector != nil }
    if hasVectors { columns.append(.left("vector")) }
    let rows = records.map { record -> [String] in
      var row = [record.id.description]
      if let score { row.append(score[record.id].map { Self.score($0) } ?? "") }
      for key in keys { row.append(record.payload?[key].map(cell) ?? "") }
      if hasVectors { row.append(record.vector.map(vector) ?? "") }
      return row
    }
    return ResultTable(columns: columns, rows: rows)
  }

  /// A payload value in a table cell: strings bare, everything else as compact JSON.
  public static func cell(_ value: JSONValue) -> String {
    if case .string(let text) = value { return text }
    return JSONWriter.compact(value)
  }
}
