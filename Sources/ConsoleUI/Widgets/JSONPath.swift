/// Where a value sits inside a JSON document: the keys and indexes from the root.
public struct JSONPath: Hashable {
  /// One step down: an object key or an array index.
  public enum Component: Hashable, Sendable {
    /// A key of an object.
    case key(String)
    /// An index of an array.
    case index(Int)
  }

  /// The steps from the root.
  public var components: [Component]

  /// Creates a path.
  public init(_ components: [Component] = []) { self.components = components }

  /// The document itself.
  public static let root = JSONPath()

  /// This path one step further down.
  public func appending(_ component: Component) -> JSONPath {
    JSONPath(components + [component])
  }
}

extension JSONPath: CustomStringConvertible {
  /// `$`, `$.payload.tags[0]`, or `$["a key"]` for keys that are not plain words.
  public var description: String {
    var text = "$"
    for component in components {
      switch component {
      case .index(let index): text += "[\(index)]"
      case .key(let key):
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        text += plain ? ".\(key)" : "[\"\(key)\"]"
      }
    }
    return text
  }
}

extension JSONPath: Sendable {}
