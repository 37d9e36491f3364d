/// One decoded input event: a key press, a mouse event, or a change of terminal size.
///
/// Printable keys arrive as ``character(_:)`` with shift already applied (`G`, `?`, `é`,
/// `漢`); Ctrl with a letter as ``control(_:)`` with the lowercase letter. Keys with a name of
/// their own (arrows, Esc, Enter, Tab) have cases, so Ctrl-I and Tab are the same key, as on
/// the terminal.
public enum Key: Hashable {
  /// A printable character.
  case character(Character)
  /// Ctrl plus a letter, given in lowercase (`control("d")` is Ctrl-D).
  case control(Character)
  /// A function key, F1 to F63.
  case function(Int)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Page up.
  case pageUp
  /// Page down.
  case pageDown
  /// Home.
  case home
  /// End.
  case end
  /// Insert.
  case insert
  /// Delete (forward).
  case delete
  /// Escape.
  case escape
  /// Enter or Return.
  case enter
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Backspace.
  case backspace
  /// A mouse event.
  case mouse(MouseEvent)
  /// The terminal now has this size.
  case resize(Size)

  /// How help and the footer write the key: `q`, `G`, `Ctrl-D`, `Esc`, `PgDn`, `↑`, `Space`.
  public var label: String {
    switch self {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .control(let letter): "Ctrl-" + letter.uppercased()
    case .function(let number): "F\(number)"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .insert: "Ins"
    case .delete: "Del"
    case .escape: "Esc"
    case .enter: "Enter"
    case .tab: "Tab"
    case .backTab: "Shift-Tab"
    case .backspace: "Backspace"
    case .mouse: "mouse"
    case .resize: "resize"
    }
  }

  /// The printable character the key types into a text field, if it types one.
  public var typedCharacter: Character? {
    if case .character(let character) = self { return character }
    return nil
  }
}

extension Key: CustomStringConvertible {
  /// The ``label``.
  public var description: String { label }
}

extension Key: Sendable {}
