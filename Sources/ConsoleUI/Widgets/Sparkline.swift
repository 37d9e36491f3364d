/// A small chart of recent values in block characters: `▁▂▄▇█▅▃`, newest at the right.
///
/// With more rows than one, each column stacks full blocks under its partial top block.
public struct Sparkline: Hashable {
  /// The values, oldest first.
  ///
  /// Only the last `width` values are shown; non-finite values are gaps.
  public var values: [Double]
  /// The value drawn as empty; `nil` uses 0, or the smallest value if one is negative.
  public var minimum: Double?
  /// The value drawn as full; `nil` uses the largest value.
  public var maximum: Double?
  /// The bars' role.
  public var role: ThemeRole

  /// Creates a sparkline.
  public init(
    values: [Double], minimum: Double? = nil, maximum: Double? = nil, role: ThemeRole = .chart1
  ) {
    self.values = values
    self.minimum = minimum
    self.maximum = maximum
    self.role = role
  }

  /// Blocks from one to eight eighths of a cell high.
  static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Draws the chart filling `area`, right-aligned.
  ///
  /// - Complexity: O(area).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    let shown = values.suffix(area.width)
    let finite = shown.filter(\.isFinite)
    guard !finite.isEmpty else { return }
    let low = minimum ?? min(0, finite.min() ?? 0)
    let high = maximum ?? (finite.max() ?? 0)
    let span = high - low
    let levels = area.height * 8
    let startX = area.maxX - shown.count
    surface.withClip(area) { surface in
      for (offset, value) in shown.enumerated() where value.isFinite {
        let fraction = span > 0 ? min(1, max(0, (value - low) / span)) : (value > low ? 1 : 0)
        var eighths = Int((fraction * Double(levels)).rounded())
        if eighths == 0 && value > low { eighths = 1 }  // a small value still shows
        let x = startX + offset
        for row in 0..<area.height {
          let filled = eighths - row * 8
          guard filled > 0 else { break }
          let block = Self.blocks[min(8, filled) - 1]
          surface.write(String(block), at: Point(x: x, y: area.maxY - 1 - row), style: Style(role))
        }
      }
    }
  }
}

extension Sparkline: Sendable {}
