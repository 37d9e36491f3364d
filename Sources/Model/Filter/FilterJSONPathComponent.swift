// Paths inside a filter document (`must[1].match`), for errors that say where.

/// One step of a JSON path inside a filter document.
enum FilterJSONPathComponent: Hashable, Sendable {
  /// An object member.
  case key(String)
  /// An array element.
  case index(Int)

  /// Renders `components` as `must[1].match`.
  static func render(_ components: [FilterJSONPathComponent]) -> String {
    var text = ""
    for component in components {
      switch component {
      case .key(let name): text += text.isEmpty ? name : "." + name
      case .index(let index): text += "[\(index)]"
      }
    }
    return text
  }
}
