/// Rules for collection and alias names (Qdrant's, plus no leading dot).
public enum CollectionName {
  /// The longest name accepted, in UTF-8 bytes.
  public static let maximumLength = 255

  /// Checks `name`.
  ///
  /// - Throws: ``EngineError`` `invalidInput` saying what is wrong.
  public static func validate(_ name: String, kind: String = "collection") throws(EngineError) {
    guard !name.isEmpty else { throw EngineError(.invalidInput, "\(kind) name must not be empty") }
    guard name.utf8.count <= maximumLength else {
      throw EngineError(.invalidInput, "\(kind) name is \(name.utf8.count) bytes long; the limit is \(maximumLength)")
    }
    let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\0"]
    if let bad = name.first(where: { forbidden.contains($0) }) {
      let shown = bad == "\0" ? "NUL" : "'\(bad)'"
      throw EngineError(.invalidInput, "\(kind) name must not contain \(shown)")
    }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw EngineError(.invalidInput, "\(kind) name must not contain control characters")
    }
    guard !name.hasPrefix(".") else { throw EngineError(.invalidInput, "\(kind) name must not start with '.'") }
  }
}
