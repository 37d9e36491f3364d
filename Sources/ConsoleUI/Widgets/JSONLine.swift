/// One line of the JSON view: indentation depth and coloured pieces of text.
public struct JSONLine: Hashable {
  /// A piece of the line and its role.
  public struct Segment: Hashable, Sendable {
    /// The text.
    public var text: String
    /// Its role (``ThemeRole/jsonKey``, ``ThemeRole/jsonString``, …).
    public var role: ThemeRole

    /// Creates a segment.
    public init(_ text: String, _ role: ThemeRole) {
      self.text = text
      self.role = role
    }
  }

  /// How many levels the line is indented.
  public var depth: Int
  /// The pieces, left to right.
  public var segments: [Segment]
  /// The object or array this line opens, closes or shows folded; `nil` for other lines.
  public var foldPath: JSONPath?
  /// Whether the line shows a folded object or array.
  public var isFolded: Bool

  /// Creates a line.
  public init(depth: Int, segments: [Segment], foldPath: JSONPath? = nil, isFolded: Bool = false) {
    self.depth = depth
    self.segments = segments
    self.foldPath = foldPath
    self.isFolded = isFolded
  }

  /// The line's text without indentation.
  public var text: String { segments.map(\.text).joined() }
}

extension JSONLine: Sendable {}
