import Model
/// An open form: creating a collection or setting a backup schedule.
public struct FormModel: Hashable {
  /// What the form makes.
  public enum Kind: Hashable, Sendable {
    /// `collection create`.
    case createCollection
    /// `schedule set`.
    case schedule
  }

  /// What the form makes.
  public var kind: Kind
  /// The fields.
  public var fields: [FormField]
  /// The focused field.
  public var focused = 0
  /// Why the last submit was refused.
  public var error: String?

  /// Creates a form of `kind` with its fields.
  public init(kind: Kind, fields: [FormField]) {
    self.kind = kind
    self.fields = fields
  }

  /// The form's title.
  public var title: String {
    switch kind {
    case .createCollection: "Create collection"
    case .schedule: "Backup schedule"
    }
  }

  /// The new-collection form.
  public static func createCollection() -> FormModel {
    FormModel(
      kind: .createCollection,
      fields: [
        FormField("Name", placeholder: "letters, digits, - _ ."),
        FormField("Dimension", placeholder: "e.g. 384"),
        FormField("Distance", state: TextFieldState("cosine"), placeholder: "cosine, dot, euclid"),
        FormField("Storage", state: TextFieldState("mmap"), placeholder: "mmap or memory"),
        FormField("HNSW m", state: TextFieldState("16")),
        FormField("ef_construct", state: TextFieldState("100")),
      ])
  }

  /// The schedule form, optionally filled from an existing schedule's values.
  public static func schedule(name: String = "nightly", scope: String = "all") -> FormModel {
    FormModel(
      kind: .schedule,
      fields: [
        FormField("Name", state: TextFieldState(name)),
        FormField(
          "Frequency", state: TextFieldState("daily"),
          placeholder: "hourly, daily, weekly MON, or a cron expression"),
        FormField("Start UTC", state: TextFieldState("02:00"), placeholder: "HH:MM"),
        FormField("Retention days", state: TextFieldState("7")),
        FormField("Scope", state: TextFieldState(scope), placeholder: "all or a collection name"),
      ])
  }

  /// The value of the field labelled `label`, trimmed.
  public func value(_ label: String) -> String {
    let text = fields.first { $0.label == label }?.state.text ?? ""
    return String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

extension FormModel: Sendable {}
