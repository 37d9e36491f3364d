import Operations

/// What the console shows instead of a screen when the terminal is below its minimum size.
///
/// `terminal too small: need 80×24`, and the current size below it, centred and wrapped to
/// whatever room there is (down to a single cell).
public struct TooSmallMessage: Hashable {
  /// The smallest size the screens need.
  public var required: Size
  /// The terminal's size now.
  public var actual: Size

  /// Creates the message.
  public init(required: Size, actual: Size) {
    self.required = required
    self.actual = actual
  }

  /// The message's first line.
  public var headline: String { "terminal too small: need \(required)" }

  /// Clears `area` and draws the message centred in it.
  ///
  /// - Complexity: O(area).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    surface.fill(area, style: .background)
    var lines = TextWrap.lines(headline, width: area.width).map { ($0, ThemeRole.statusWarning) }
    lines += TextWrap.lines("now \(actual)", width: area.width).map { ($0, ThemeRole.muted) }
    let top = area.y + max(0, (area.height - lines.count) / 2)
    for (index, line) in lines.enumerated() where top + index < area.maxY {
      let box = area.centered(Size(width: DisplayWidth.of(line.0), height: 1))
      surface.write(line.0, at: Point(x: box.x, y: top + index), style: Style(line.1))
    }
  }
}

extension TooSmallMessage: Sendable {}
