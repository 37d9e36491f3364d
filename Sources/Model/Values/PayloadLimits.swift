/// Caps on the shape of a point's payload, checked on every write that brings one in.
///
/// A payload object, at any depth (the payload itself, an object inside it, an object inside
/// an array), holds at most ``maximumKeysPerObject`` keys. Upserts, set-payload and
/// overwrite-payload refuse a payload over the cap with ``StoreError`` `invalidInput`, and
/// the JSON Lines reader refuses the line, so a hostile payload costs bounded work at every
/// later read.
public enum PayloadLimits {
  /// The most keys one payload object may have.
  public static let maximumKeysPerObject = 10_000

  /// The longest key a ``Problem/path`` shows before cutting it, in Unicode scalars.
  static let maximumShownKeyLength = 40

  /// An object over the cap: where it is and how many keys it has.
  public struct Problem: Hashable, Sendable {
    /// The object's path in the payload, as `a.b[2].c`, with keys that are not plain words
    /// quoted, escaped and cut; empty for the payload itself.
    public var path: String
    /// How many keys the object has.
    public var keys: Int
  }

  /// The first object of `payload` (depth first, in key order) with more than
  /// ``maximumKeysPerObject`` keys, or `nil`.
  ///
  /// - Complexity: O(n) in the number of values in the payload.
  public static func problem(in payload: JSONObject) -> Problem? {
    var trail: [PathStep] = []
    guard let keys = widestObject(.object(payload), trail: &trail) else { return nil }
    return Problem(path: shownPath(trail), keys: keys)
  }

  /// The message of an ``StoreError`` for `problem`, about `subject` such as "point 7".
  package static func message(_ problem: Problem, subject: String?) -> String {
    let prefix = subject.map { $0 + ": " } ?? ""
    let object =
      problem.path.isEmpty ? "the payload" : "the payload object at \(problem.path)"
    return prefix + "\(object) has \(problem.keys) keys, over the cap of "
      + "\(maximumKeysPerObject) keys per object"
  }

  // MARK: Walking

  private enum PathStep {
    case key(String)
    case element(Int)
  }

  /// The key count of the first object over the cap in `value`; `trail` then leads to it.
  private static func widestObject(_ value: JSONValue, trail: inout [PathStep]) -> Int? {
    switch value {
    case .object(let object):
      if object.count > maximumKeysPerObject { return object.count }
      for (key, child) in object.fields where child.isContainer {
        trail.append(.key(key))
        if let found = widestObject(child, trail: &trail) { return found }
        trail.removeLast()
      }
    case .array(let elements):
      for (index, child) in elements.enumerated() where child.isContainer {
        trail.append(.element(index))
        if let found = widestObject(child, trail: &trail) { return found }
        trail.removeLast()
      }
    default:
      break
    }
    return nil
  }

  // MARK: Showing

  private static func shownPath(_ trail: [PathStep]) -> String {
    var text = ""
    for step in trail {
      switch step {
      case .key(let key):
        if !text.isEmpty { text += "." }
        text += shownKey(key)
      case .element(let index):
        text += "[\(index)]"
      }
    }
    return text
  }

  /// `key` bare when it is a short plain word, else quoted with quotes, backslashes and
  /// control characters escaped, cut at ``maximumShownKeyLength`` scalars.
  private static func shownKey(_ key: String) -> String {
    let plain =
      !key.isEmpty && key.unicodeScalars.count <= maximumShownKeyLength
      && key.unicodeScalars.allSatisfy { scalar in
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
          || scalar == "-"
      }
    return plain ? key : QuotedForMessage.text(key, limit: maximumShownKeyLength)
  }
}

extension JSONValue {
  /// Whether the value is an array or an object.
  fileprivate var isContainer: Bool {
    switch self {
    case .array, .object: true
    default: false
    }
  }
}
