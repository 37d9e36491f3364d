/// Where the keyboard focus is, which decides what keys mean.
///
/// A context falls back to a more general one for keys it does not bind itself (a table's
/// `q` is the global quit). Text contexts fall back to nothing but other text contexts, so
/// every printable key reaches the field being typed in.
public enum KeyContext: String, CaseIterable, Hashable {
  /// Everywhere not typing: quit, command line, filter, help, back, tabs.
  case global
  /// A table or list with a selected row.
  case list
  /// The JSON view (describe): a list whose rows fold.
  case json
  /// A dialog's buttons.
  case dialog
  /// A text field in a form or dialog.
  case textInput = "text-input"
  /// The `:` command line and the `/` filter line.
  case prompt
  /// The multi-line JSON editor: every printable key types.
  case editor
  /// A list of entries to choose from, with check boxes (the payload column picker).
  case picker

  /// The context consulted for keys this one does not bind.
  public var fallback: KeyContext? {
    switch self {
    case .global, .dialog, .textInput, .editor: nil
    case .list: .global
    case .json, .picker: .list
    case .prompt: .textInput
    }
  }

  /// This context and its fallbacks, most specific first.
  public var chain: [KeyContext] {
    var chain = [self]
    while let next = chain[chain.count - 1].fallback { chain.append(next) }
    return chain
  }

  /// The heading of this context's section in help.
  public var title: String {
    switch self {
    case .global: "Everywhere"
    case .list: "Tables and lists"
    case .json: "JSON view"
    case .dialog: "Dialogs"
    case .textInput: "Text fields"
    case .prompt: "Command and filter line"
    case .picker: "Column picker"
    case .editor: "JSON editor"
    }
  }
}

extension KeyContext: Sendable {}
