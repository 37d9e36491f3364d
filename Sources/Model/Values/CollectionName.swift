/// Rules for collection and alias names (Qdrant's, plus no leading dot, in Unicode NFC).
///
/// Swift compares strings by canonical equivalence, the file system by bytes: "é" typed as
/// one code point or as "e" plus a combining accent is one name to a dictionary and two
/// folders on disk. Every name that enters the engine is therefore normalized to NFC
/// (``normalized(_:)``) before it is used, and a stored name must already be NFC.
public enum CollectionName {
  /// The longest name accepted, in UTF-8 bytes.
  public static let maximumLength = 255

  /// `name` in Unicode Normalization Form C (composed), the one form names are stored in.
  ///
  /// - Complexity: O(n) in the length of `name`.
  public static func normalized(_ name: String) -> String {
    // The standard library's own NFC transform (used by String comparison); public API.
    String(decoding: name._nfcCodeUnits, as: UTF8.self)
  }

  /// Whether `name` is already in NFC form, byte for byte.
  public static func isNormalized(_ name: String) -> Bool {
    name.utf8.elementsEqual(name._nfcCodeUnits)
  }

  /// Checks `name`.
  ///
  /// - Throws: ``StoreError`` `invalidInput` saying what is wrong.
  public static func validate(_ name: String, kind: String = "collection") throws(StoreError) {
    guard !name.isEmpty else { throw StoreError(.invalidInput, "\(kind) name must not be empty") }
    guard name.utf8.count <= maximumLength else {
      throw StoreError(.invalidInput, "\(kind) name is \(name.utf8.count) bytes long; the limit is \(maximumLength)")
    }
    let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\0"]
    if let bad = name.first(where: { forbidden.contains($0) }) {
      let shown = bad == "\0" ? "NUL" : "'\(bad)'"
      throw StoreError(.invalidInput, "\(kind) name must not contain \(shown)")
    }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw StoreError(.invalidInput, "\(kind) name must not contain control characters")
    }
    guard !name.hasPrefix(".") else { throw StoreError(.invalidInput, "\(kind) name must not start with '.'") }
    guard isNormalized(name) else {
      throw StoreError(.invalidInput, "\(kind) name is not in Unicode NFC form (composed characters)")
    }
  }
}
