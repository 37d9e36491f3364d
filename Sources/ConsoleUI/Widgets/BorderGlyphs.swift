/// The characters a frame is drawn with.
public struct BorderGlyphs: Hashable {
  /// Top-left corner.
  public var topLeft: Character
  /// Top-right corner.
  public var topRight: Character
  /// Bottom-left corner.
  public var bottomLeft: Character
  /// Bottom-right corner.
  public var bottomRight: Character
  /// Top and bottom edges.
  public var horizontal: Character
  /// Left and right edges.
  public var vertical: Character

  /// Creates a glyph set; every glyph must be one column wide.
  public init(
    topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
    horizontal: Character, vertical: Character
  ) {
    self.topLeft = topLeft
    self.topRight = topRight
    self.bottomLeft = bottomLeft
    self.bottomRight = bottomRight
    self.horizontal = horizontal
    self.vertical = vertical
  }

  /// Rounded box-drawing corners, as the Qdrant dashboard's cards.
  public static let rounded = BorderGlyphs(
    topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─",
    vertical: "│")

  /// Plain ASCII, for terminals whose locale is not UTF-8.
  public static let ascii = BorderGlyphs(
    topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-",
    vertical: "|")
}

extension BorderGlyphs: Sendable {}
