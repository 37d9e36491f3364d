import CNCursesW

/// Turns what curses' `wget_wch` returns into ``Key`` values.
///
/// `wget_wch` gives either a character (status `OK`) or a key code (status `KEY_CODE_YES`).
/// Characters below 0x20 and DEL are keys (Ctrl-letter, Tab, Enter, Esc, Backspace); the rest
/// type themselves. Mouse and resize codes need more from curses, so the caller passes them in.
enum KeyDecoder {
  /// A raw input from `wget_wch`.
  enum Raw: Hashable {
    /// A character (status `OK`): a Unicode scalar value.
    case character(UInt32)
    /// A key code (status `KEY_CODE_YES`).
    case keyCode(Int32)
  }

  /// The key for `raw`, or `nil` for input that means nothing to the console.
  ///
  /// - Parameters:
  ///   - raw: What `wget_wch` returned.
  ///   - size: The terminal's size, reported with a resize.
  ///   - mouse: The pending mouse event, read when the code is `KEY_MOUSE`.
  /// - Returns: The key, or `nil`.
  static func decode(_ raw: Raw, size: () -> Size, mouse: () -> MouseEvent?) -> Key? {
    switch raw {
    case .character(let value):
      switch value {
      case 0x1B: return .escape
      case 0x0D, 0x0A: return .enter
      case 0x09: return .tab
      case 0x7F, 0x08: return .backspace
      case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
      case 0x00..<0x20, 0x80..<0xA0: return nil
      default:
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return .character(Character(scalar))
      }
    case .keyCode(let code):
      switch code {
      case KEY_UP: return .up
      case KEY_DOWN: return .down
      case KEY_LEFT: return .left
      case KEY_RIGHT: return .right
      case KEY_PPAGE: return .pageUp
      case KEY_NPAGE: return .pageDown
      case KEY_HOME, KEY_A1: return .home
      case KEY_END, KEY_C1: return .end
      case KEY_IC: return .insert
      case KEY_DC: return .delete
      case KEY_BTAB: return .backTab
      case KEY_BACKSPACE: return .backspace
      case KEY_ENTER: return .enter
      case KEY_RESIZE: return .resize(size())
      case KEY_MOUSE: return mouse().map(Key.mouse)
      case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
      default: return nil
      }
    }
  }
}
