import ArgumentParser
import Model

/// The `IDS JSON` or `JSON --filter EXPR` arguments of the payload commands.
struct PointsPayloadTarget {
  var selector: PointSelector
  var payload: JSONObject?

  /// Splits the positional values: with a filter, only JSON (if `wantsPayload`); else IDS [JSON].
  init(values: [String], filter: String?, wantsPayload: Bool) throws {
    let expected = (filter == nil ? 1 : 0) + (wantsPayload ? 1 : 0)
    guard values.count == expected else {
      let shape =
        filter == nil
        ? (wantsPayload ? "IDS JSON" : "IDS") : (wantsPayload ? "JSON (with --filter)" : "nothing (with --filter)")
      throw ValidationError("expected \(shape) after the collection name")
    }
    if let filter {
      selector = .filter(try ArgumentValues.filter(filter) ?? Filter())
    } else {
      selector = .ids(try ArgumentValues.ids([values[0]]))
    }
    payload = wantsPayload ? try ArgumentValues.object(values[values.count - 1]) : nil
  }

  /// The result of a payload change: counts as JSON and a one-line summary.
  static func result(_ update: UpdateResult, summary: String) -> CommandResult {
    CommandResult(
      json: [
        "updated": .int(Int64(update.affected)), "operation_id": .int(Int64(update.operationID)), "status": "completed",
      ],
      blocks: [.text(summary)])
  }
}
