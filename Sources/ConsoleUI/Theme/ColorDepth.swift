/// How many colours a terminal can show, from none to 24-bit.
///
/// ``detect(colors:colorTerm:canChangeColor:noColor:)`` chooses it from what the terminal
/// reports; ``ThemeColor/degraded(to:)`` maps theme colours onto it.
public enum ColorDepth: Int, Comparable, CaseIterable {
  /// No colours: attributes (bold, reverse, underline) only.
  case mono
  /// The eight basic ANSI colours.
  case ansi8
  /// The 16 ANSI colours.
  case ansi16
  /// The xterm 256-colour palette.
  case xterm256
  /// Any 24-bit colour.
  case trueColor

  /// Orders depths from fewest to most colours.
  public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The depth to draw with, from what the terminal reports.
  ///
  /// - Parameters:
  ///   - colors: The terminal's colour count (curses' `COLORS`); 0 when it has no colour.
  ///   - colorTerm: `$COLORTERM`; `truecolor` or `24bit` announce 24-bit support.
  ///   - canChangeColor: Whether palette entries can be redefined (`can_change_color`), which
  ///     is how 24-bit colours are shown on a terminal whose terminfo entry has 256.
  ///   - noColor: Whether `$NO_COLOR` is set and not empty.
  /// - Returns: The deepest colour support the terminal offers.
  public static func detect(
    colors: Int, colorTerm: String?, canChangeColor: Bool, noColor: Bool
  ) -> ColorDepth {
    if noColor { return .mono }
    if colors >= 0x1_000_000 { return .trueColor }
    if colors >= 256 {
      let announced = colorTerm == "truecolor" || colorTerm == "24bit"
      return announced && canChangeColor ? .trueColor : .xterm256
    }
    if colors >= 16 { return .ansi16 }
    if colors >= 8 { return .ansi8 }
    return .mono
  }
}

extension ColorDepth: Sendable {}
