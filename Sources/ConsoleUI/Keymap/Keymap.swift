/// Every key binding of the console, by context: the one place keys are decided.
///
/// Screens ask ``action(for:in:)`` what a key means and react to the ``Action``; the footer
/// (``footerHints(for:)``) and help (``helpSections(for:)``) are generated from the same
/// bindings, so they can never disagree with what the keys do. A binding in a context shadows
/// the same key in that context's fallbacks (see ``KeyContext/fallback``).
public struct Keymap: Hashable {
  /// The bindings, in the order help lists them.
  public private(set) var bindings: [KeyBinding]

  /// Creates a keymap; a later binding of the same key in the same context replaces an
  /// earlier one.
  ///
  /// - Complexity: O(n²) in the number of bindings (keymaps are small).
  public init(_ bindings: [KeyBinding]) {
    self.bindings = []
    for binding in bindings {
      bind(binding.key, to: binding.action, in: binding.context, footer: binding.showsInFooter)
    }
    checkInvariants()
  }

  /// What `key` means in `context`: its own binding, else its fallbacks' (most specific
  /// first), else `nil`.
  ///
  /// - Complexity: O(n) in the number of bindings.
  public func action(for key: Key, in context: KeyContext) -> Action? {
    for candidate in context.chain {
      if let binding = bindings.first(where: { $0.context == candidate && $0.key == key }) {
        return binding.action
      }
    }
    return nil
  }

  /// The keys that trigger `action` in `context`, own bindings first, leaving out keys a
  /// more specific context has taken for something else.
  ///
  /// - Complexity: O(n) in the number of bindings, times the chain length.
  public func keys(for action: Action, in context: KeyContext) -> [Key] {
    var keys: [Key] = []
    for candidate in context.chain {
      for binding in bindings where binding.context == candidate && binding.action == action {
        if self.action(for: binding.key, in: context) == action, !keys.contains(binding.key) {
          keys.append(binding.key)
        }
      }
    }
    return keys
  }

  /// The footer for `context`: each advertised action once, with its first effective key,
  /// the context's own actions before its fallbacks'.
  ///
  /// - Complexity: O(n²) in the number of bindings.
  public func footerHints(for context: KeyContext) -> [KeyHint] {
    var hints: [KeyHint] = []
    for candidate in context.chain {
      for binding in bindings where binding.context == candidate && binding.showsInFooter {
        guard !hints.contains(where: { $0.action == binding.action }),
          action(for: binding.key, in: context) == binding.action
        else { continue }
        hints.append(KeyHint(keys: binding.key.label, action: binding.action))
      }
    }
    return hints
  }

  /// Help for `context`: one section per context in its chain, each listing the actions that
  /// context binds (with all their effective keys), in binding order.
  ///
  /// - Complexity: O(n²) in the number of bindings.
  public func helpSections(for context: KeyContext) -> [HelpSection] {
    context.chain.compactMap { candidate in
      var rows: [KeyHint] = []
      for binding in bindings where binding.context == candidate {
        guard !rows.contains(where: { $0.action == binding.action }) else { continue }
        let keys = bindings.filter {
          $0.context == candidate && $0.action == binding.action
            && action(for: $0.key, in: context) == binding.action
        }.map(\.key.label)
        guard !keys.isEmpty else { continue }
        rows.append(KeyHint(keys: keys.joined(separator: " "), action: binding.action))
      }
      return rows.isEmpty ? nil : HelpSection(context: candidate, rows: rows)
    }
  }

  /// Binds `key` to `action` in `context`, replacing what the key did there.
  public mutating func bind(
    _ key: Key, to action: Action, in context: KeyContext, footer: Bool = false
  ) {
    let binding = KeyBinding(key, action, in: context, footer: footer)
    if let index = bindings.firstIndex(where: { $0.context == context && $0.key == key }) {
      bindings[index] = binding
    } else {
      bindings.append(binding)
    }
  }

  /// Removes what `key` does in `context` itself (a fallback's binding may then apply).
  public mutating func unbind(_ key: Key, in context: KeyContext) {
    bindings.removeAll { $0.context == context && $0.key == key }
  }

  /// Traps if a key is bound twice in one context, or a text context binds a printable key
  /// (debug builds only).
  ///
  /// - Complexity: O(n²) in debug builds, O(1) otherwise.
  public func checkInvariants() {
    #if DEBUG
    for (index, binding) in bindings.enumerated() {
      precondition(
        !bindings[(index + 1)...].contains {
          $0.context == binding.context && $0.key == binding.key
        },
        "\(binding.key) is bound twice in \(binding.context)")
      if binding.context == .textInput || binding.context == .prompt || binding.context == .editor {
        precondition(
          binding.key.typedCharacter == nil, "text contexts must not bind \(binding.key)")
      }
    }
    #endif
  }
}

extension Keymap {
  /// The console's keys, after k9s: `:` command, `/` filter, `?` help, `Esc` back, `j`/`k`
  /// and arrows, `g`/`G`, page keys, `Enter` open, `Tab` next tab, `d` describe, `Ctrl-D`
  /// delete, `c` copy, `q`/`Ctrl-C` quit.
  public static let standard = Keymap([
    // Everywhere not typing.
    KeyBinding(.character(":"), .command, in: .global, footer: true),
    KeyBinding(.character("/"), .filter, in: .global, footer: true),
    KeyBinding(.character("?"), .help, in: .global, footer: true),
    KeyBinding(.escape, .back, in: .global),
    KeyBinding(.tab, .nextTab, in: .global),
    KeyBinding(.backTab, .previousTab, in: .global),
    KeyBinding(.control("r"), .refresh, in: .global),
    KeyBinding(.character("M"), .toggleMouse, in: .global),
    KeyBinding(.character("q"), .quit, in: .global, footer: true),
    KeyBinding(.control("c"), .quit, in: .global),
    KeyBinding(.character("1"), .showCollections, in: .global),
    KeyBinding(.character("2"), .showBackups, in: .global),
    KeyBinding(.character("3"), .showConsole, in: .global),

    // Tables and lists.
    KeyBinding(.enter, .open, in: .list, footer: true),
    KeyBinding(.character("d"), .describe, in: .list, footer: true),
    KeyBinding(.control("d"), .delete, in: .list, footer: true),
    KeyBinding(.character("c"), .copy, in: .list, footer: true),
    KeyBinding(.character("k"), .up, in: .list),
    KeyBinding(.up, .up, in: .list),
    KeyBinding(.character("j"), .down, in: .list),
    KeyBinding(.down, .down, in: .list),
    KeyBinding(.character("h"), .left, in: .list),
    KeyBinding(.left, .left, in: .list),
    KeyBinding(.character("l"), .right, in: .list),
    KeyBinding(.right, .right, in: .list),
    KeyBinding(.character("g"), .top, in: .list),
    KeyBinding(.home, .top, in: .list),
    KeyBinding(.character("G"), .bottom, in: .list),
    KeyBinding(.end, .bottom, in: .list),
    KeyBinding(.pageUp, .pageUp, in: .list),
    KeyBinding(.control("b"), .pageUp, in: .list),
    KeyBinding(.pageDown, .pageDown, in: .list),
    KeyBinding(.control("f"), .pageDown, in: .list),
    KeyBinding(.character("O"), .sortByColumn, in: .list),
    KeyBinding(.character("R"), .reverseSort, in: .list),
    KeyBinding(.character("n"), .create, in: .list, footer: true),
    KeyBinding(.character("e"), .edit, in: .list, footer: true),
    KeyBinding(.character("s"), .similar, in: .list, footer: true),
    KeyBinding(.character("v"), .verify, in: .list, footer: true),
    KeyBinding(.character("r"), .restore, in: .list, footer: true),
    KeyBinding(.character("b"), .backupNow, in: .list, footer: true),
    KeyBinding(.character("p"), .pause, in: .list, footer: true),
    KeyBinding(.character("x"), .run, in: .list, footer: true),
    KeyBinding(.character("f"), .colorBy, in: .list, footer: true),
    KeyBinding(.character("C"), .chooseColumns, in: .list, footer: true),
    KeyBinding(.character("E"), .editInline, in: .list),

    // The JSON editor: printable keys type, Enter breaks the line, Ctrl-S saves.
    KeyBinding(.control("s"), .save, in: .editor, footer: true),
    KeyBinding(.escape, .cancel, in: .editor, footer: true),
    KeyBinding(.enter, .newline, in: .editor),
    KeyBinding(.left, .cursorLeft, in: .editor),
    KeyBinding(.right, .cursorRight, in: .editor),
    KeyBinding(.up, .up, in: .editor),
    KeyBinding(.down, .down, in: .editor),
    KeyBinding(.home, .cursorStart, in: .editor),
    KeyBinding(.end, .cursorEnd, in: .editor),
    KeyBinding(.backspace, .deleteBackward, in: .editor),
    KeyBinding(.delete, .deleteForward, in: .editor),
    KeyBinding(.control("c"), .quit, in: .editor),

    // The column picker: Space ticks, Enter applies, Esc leaves the columns as they were.
    KeyBinding(.character(" "), .toggle, in: .picker, footer: true),
    KeyBinding(.enter, .submit, in: .picker, footer: true),
    KeyBinding(.escape, .cancel, in: .picker, footer: true),

    // The JSON view: Enter and Space fold instead of opening.
    KeyBinding(.enter, .toggleFold, in: .json, footer: true),
    KeyBinding(.character(" "), .toggleFold, in: .json),

    // Dialogs: no letters, so a typed-name field can take them.
    KeyBinding(.enter, .submit, in: .dialog, footer: true),
    KeyBinding(.escape, .cancel, in: .dialog, footer: true),
    KeyBinding(.tab, .nextButton, in: .dialog),
    KeyBinding(.right, .nextButton, in: .dialog),
    KeyBinding(.backTab, .previousButton, in: .dialog),
    KeyBinding(.left, .previousButton, in: .dialog),
    KeyBinding(.control("c"), .quit, in: .dialog),

    // Text fields: every printable key types.
    KeyBinding(.enter, .submit, in: .textInput, footer: true),
    KeyBinding(.escape, .cancel, in: .textInput, footer: true),
    KeyBinding(.tab, .nextField, in: .textInput),
    KeyBinding(.down, .nextField, in: .textInput),
    KeyBinding(.backTab, .previousField, in: .textInput),
    KeyBinding(.up, .previousField, in: .textInput),
    KeyBinding(.left, .cursorLeft, in: .textInput),
    KeyBinding(.right, .cursorRight, in: .textInput),
    KeyBinding(.home, .cursorStart, in: .textInput),
    KeyBinding(.control("a"), .cursorStart, in: .textInput),
    KeyBinding(.end, .cursorEnd, in: .textInput),
    KeyBinding(.control("e"), .cursorEnd, in: .textInput),
    KeyBinding(.backspace, .deleteBackward, in: .textInput),
    KeyBinding(.delete, .deleteForward, in: .textInput),
    KeyBinding(.control("c"), .quit, in: .textInput),

    // The command and filter line: a text field with history and completion.
    KeyBinding(.up, .historyPrevious, in: .prompt),
    KeyBinding(.down, .historyNext, in: .prompt),
    KeyBinding(.tab, .complete, in: .prompt),
  ])
}

extension Keymap {
  /// The actions that change stored data; `--read-only` removes their keys, so help and the
  /// footer never offer them.
  public static let writingActions: Set<Action> = [
    .create, .edit, .editInline, .delete, .restore, .backupNow, .pause,
  ]

  /// This keymap without any key for the ``writingActions``.
  ///
  /// - Complexity: O(n) in the number of bindings.
  public func readOnly() -> Keymap {
    Keymap(bindings.filter { !Self.writingActions.contains($0.action) })
  }
}

extension Keymap: Sendable {}
