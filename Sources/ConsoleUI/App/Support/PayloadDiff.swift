import Model

/// The lines that differ between two payloads, shown before an edited payload is saved.
enum PayloadDiff {
  /// `- key: old` / `+ key: new` for each top-level key removed, added or changed, in the
  /// new payload's order (removed keys first).
  ///
  /// - Complexity: O(n) in the number of keys.
  static func lines(old: JSONObject, new: JSONObject) -> [String] {
    var lines: [String] = []
    for (key, value) in old where new[key] == nil {
      lines.append("- \(key): \(JSONWriter.compact(value))")
    }
    for (key, value) in new {
      guard let previous = old[key] else {
        lines.append("+ \(key): \(JSONWriter.compact(value))")
        continue
      }
      if previous != value {
        lines.append("- \(key): \(JSONWriter.compact(previous))")
        lines.append("+ \(key): \(JSONWriter.compact(value))")
      }
    }
    return lines
  }
}
