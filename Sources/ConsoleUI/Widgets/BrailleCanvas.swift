/// A dot canvas drawn with braille characters: each cell holds 2×4 dots (U+2800 block), so a
/// 40×10 cell area is an 80×40 dot plot.
///
/// Each cell has one colour: the role of the last dot set in it. Used for the Visualize tab's
/// 2-D projection, coloured by a payload field through the chart series roles.
public struct BrailleCanvas: Hashable {
  /// The canvas size in cells.
  public let size: Size
  /// The dot bits of each cell, row by row.
  private var dots: [UInt8]
  /// The role of each cell (the last set dot's), row by row.
  private var roles: [ThemeRole]

  /// Creates an empty canvas of `size` cells.
  public init(size: Size) {
    self.size = size
    self.dots = Array(repeating: 0, count: size.width * size.height)
    self.roles = Array(repeating: .chart1, count: size.width * size.height)
  }

  /// The canvas width in dots (two per cell).
  public var dotWidth: Int { size.width * 2 }
  /// The canvas height in dots (four per cell).
  public var dotHeight: Int { size.height * 4 }

  /// The braille bit of each dot position in a cell, by column then row.
  private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

  /// Sets the dot at (`x`, `y`) in dot coordinates (origin top-left); outside is ignored.
  public mutating func set(x: Int, y: Int, role: ThemeRole = .chart1) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let index = (y / 4) * size.width + x / 2
    dots[index] |= Self.bits[x % 2][y % 4]
    roles[index] = role
  }

  /// Whether the dot at (`x`, `y`) is set.
  public func isSet(x: Int, y: Int) -> Bool {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
    return dots[(y / 4) * size.width + x / 2] & Self.bits[x % 2][y % 4] != 0
  }

  /// Sets the dot for a point in data coordinates.
  ///
  /// `xRange` maps onto the width, `yRange` onto the height with larger values higher up.
  /// Points outside the ranges, or not finite, are ignored.
  public mutating func plot(
    x: Double, y: Double, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
    role: ThemeRole = .chart1
  ) {
    guard x.isFinite, y.isFinite, xRange.contains(x), yRange.contains(y) else { return }
    let xSpan = xRange.upperBound - xRange.lowerBound
    let ySpan = yRange.upperBound - yRange.lowerBound
    let dotX =
      xSpan > 0 ? Int(((x - xRange.lowerBound) / xSpan * Double(dotWidth - 1)).rounded()) : 0
    let dotY =
      ySpan > 0 ? Int(((yRange.upperBound - y) / ySpan * Double(dotHeight - 1)).rounded()) : 0
    set(x: dotX, y: dotY, role: role)
  }

  /// Sets the dots of a straight line between two dot positions (both ends included).
  ///
  /// - Complexity: O(length of the line in dots).
  public mutating func line(from start: Point, to end: Point, role: ThemeRole = .chart1) {
    var x = start.x
    var y = start.y
    let dx = abs(end.x - start.x)
    let dy = -abs(end.y - start.y)
    let stepX = start.x < end.x ? 1 : -1
    let stepY = start.y < end.y ? 1 : -1
    var error = dx + dy
    while true {
      set(x: x, y: y, role: role)
      if x == end.x && y == end.y { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  /// Draws the canvas with its top-left cell at `origin`; cells with no dot are left as they
  /// are, so the canvas can overlay axes or a grid.
  ///
  /// - Complexity: O(size).
  public func render(into surface: inout Surface, at origin: Point) {
    for row in 0..<size.height {
      for column in 0..<size.width {
        let index = row * size.width + column
        guard dots[index] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(dots[index])) else {
          continue
        }
        surface.write(
          String(Character(scalar)), at: Point(x: origin.x + column, y: origin.y + row),
          style: Style(roles[index]))
      }
    }
  }
}

extension BrailleCanvas: Sendable {}
