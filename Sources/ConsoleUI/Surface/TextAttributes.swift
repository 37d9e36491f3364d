/// Text attributes a cell can carry on top of its colours.
///
/// A theme gives each role a set of attributes; a widget may add more for one cell (the form
/// cursor is drawn in reverse video, a disabled button dim). The terminal shows the union.
public struct TextAttributes: OptionSet, Hashable {
  /// The bit set.
  public var rawValue: UInt8

  /// Creates attributes from their bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold or bright text.
  public static let bold = TextAttributes(rawValue: 1 << 0)
  /// Faint text.
  public static let dim = TextAttributes(rawValue: 1 << 1)
  /// Italic text, where the terminal has it.
  public static let italic = TextAttributes(rawValue: 1 << 2)
  /// Underlined text.
  public static let underline = TextAttributes(rawValue: 1 << 3)
  /// Foreground and background swapped.
  public static let reverse = TextAttributes(rawValue: 1 << 4)

  /// Every attribute with the name theme files use for it, in a fixed order.
  public static let named: [(name: String, attribute: TextAttributes)] = [
    ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline),
    ("reverse", .reverse),
  ]

  /// The names of the attributes in this set, in the order of ``named``.
  public var names: [String] { Self.named.filter { contains($0.attribute) }.map(\.name) }
}

extension TextAttributes: Sendable {}
