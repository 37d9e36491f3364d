public import Model

/// The inline JSON editor open over a point's payload.
public struct PayloadEditorModel: Hashable {
  /// The point's collection.
  public var collection: String
  /// The point.
  public var id: PointID
  /// The payload as loaded, to diff against before saving.
  public var original: JSONObject
  /// The text being edited.
  public var editor: TextEditorState
  /// Why the last save was refused (`line 3, column 9: expected ','`), or `nil`.
  public var error: String?

  /// Opens the editor over `payload`, pretty-printed.
  public init(collection: String, id: PointID, payload: JSONObject) {
    self.collection = collection
    self.id = id
    self.original = payload
    self.editor = TextEditorState(JSONWriter.pretty(.object(payload)))
  }

  /// The edited payload, or why it is not one: a syntax error naming line and column, or
  /// a value that is not an object.
  public func parsed() -> Result<JSONObject, PayloadEditError> {
    let value: JSONValue
    do {
      value = try JSONParser.parse(editor.text)
    } catch {
      return .failure(PayloadEditError("line \(error.line), column \(error.column): \(error.message)"))
    }
    guard case .object(let object) = value else {
      return .failure(PayloadEditError("a payload must be a JSON object ({…})"))
    }
    return .success(object)
  }
}

extension PayloadEditorModel: Sendable {}
