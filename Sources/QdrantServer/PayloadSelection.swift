import Model

/// Which payload keys a response carries: Qdrant's `with_payload` (a Boolean, a list of keys,
/// or `{"include": […]}` / `{"exclude": […]}`).
///
/// Keys select top-level payload fields; a dotted key (`meta.lang`) selects its top-level
/// field (`meta`) whole.
enum PayloadSelection: Sendable, Equatable {
  /// No payload.
  case none
  /// The whole payload.
  case all
  /// Only these top-level keys.
  case include(Set<String>)
  /// Every top-level key but these.
  case exclude(Set<String>)

  /// Whether the store has to read payloads at all.
  var wantsPayload: Bool { self != .none }

  /// Reads `with_payload` from `body`; `fallback` when absent.
  ///
  /// - Throws: ``APIError`` 400 for any other shape.
  static func read(_ body: JSONBody, key: String = "with_payload", default fallback: PayloadSelection)
    throws(APIError) -> PayloadSelection
  {
    guard let value = body.value(key) else { return fallback }
    switch value {
    case .bool(let flag): return flag ? .all : .none
    case .array(let elements): return .include(try keys(elements, named: body.name(key)))
    case .object(let object):
      if let include = object["include"]?.arrayValue {
        return .include(try keys(include, named: body.name(key) + ".include"))
      }
      if let exclude = object["exclude"]?.arrayValue {
        return .exclude(try keys(exclude, named: body.name(key) + ".exclude"))
      }
      throw .wrongInput("\(body.name(key)) must have an include or an exclude list")
    default:
      throw .wrongInput("\(body.name(key)) must be a boolean, a list of keys or {include|exclude: […]}")
    }
  }

  private static func keys(_ elements: [JSONValue], named name: String) throws(APIError) -> Set<String> {
    guard elements.count <= RequestCaps.keysPerRequest else {
      throw .wrongInput("\(name) names more than \(RequestCaps.keysPerRequest) keys")
    }
    var keys = Set<String>()
    for (index, element) in elements.enumerated() {
      guard let key = element.stringValue else { throw .wrongInput("\(name)[\(index)] must be a string") }
      keys.insert(key.split(separator: ".", maxSplits: 1).first.map(String.init) ?? key)
    }
    return keys
  }

  /// `payload` cut down to the selection.
  ///
  /// - Complexity: O(n) in the payload's top-level keys.
  func apply(to payload: JSONObject) -> JSONObject {
    switch self {
    case .none: return JSONObject()
    case .all: return payload
    case .include(let keys):
      var kept = payload
      kept.removeFields(payload.keys.filter { !keys.contains($0) })
      return kept
    case .exclude(let keys):
      var kept = payload
      kept.removeFields(keys)
      return kept
    }
  }
}
