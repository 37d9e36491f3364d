import Operations

/// A horizontal bar filled to a fraction, in eighths of a cell: `██████▍░░░░ 58%`.
public struct ProgressBar: Hashable {
  /// How much is done, 0…1 (values outside are clamped; NaN counts as 0).
  public var fraction: Double
  /// Text after the bar (`58%`, `1.2 GB/2 GB`), or `nil`.
  public var label: String?
  /// The done part's role (``ThemeRole/progress``, or ``ThemeRole/scoreBar`` for scores).
  public var role: ThemeRole

  /// Creates a bar.
  public init(fraction: Double, label: String? = nil, role: ThemeRole = .progress) {
    self.fraction = fraction
    self.label = label
    self.role = role
  }

  /// A bar labelled with its percentage.
  public static func percent(_ fraction: Double, role: ThemeRole = .progress) -> ProgressBar {
    let clamped = fraction.isNaN ? 0 : min(1, max(0, fraction))
    return ProgressBar(fraction: fraction, label: "\(Int(clamped * 100 + 1e-9))%", role: role)
  }

  /// Partial blocks, one to seven eighths.
  static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// Draws the bar in the first row of `area`, the label at its right end.
  ///
  /// - Complexity: O(width of `area`).
  public func render(into surface: inout Surface, area: Rect) {
    guard !area.isEmpty else { return }
    let row = area.row(0)
    let labelText = label.map { " " + $0 } ?? ""
    let labelWidth = DisplayWidth.of(labelText)
    let barWidth = labelWidth < row.width ? row.width - labelWidth : row.width
    let clamped = fraction.isNaN ? 0 : min(1, max(0, fraction))
    let eighths = Int((clamped * Double(barWidth * 8)).rounded(.down))
    surface.withClip(row) { surface in
      var bar = String(repeating: "█", count: eighths / 8)
      if eighths % 8 > 0 { bar.append(Self.partials[eighths % 8 - 1]) }
      let end = surface.write(bar, at: row.origin, style: Style(role))
      surface.write(
        String(repeating: "░", count: max(0, row.x + barWidth - end)), at: Point(x: end, y: row.y),
        style: Style(.progressEmpty))
      if barWidth < row.width {
        surface.write(labelText, at: Point(x: row.x + barWidth, y: row.y), style: Style(.text))
      }
    }
  }
}

extension ProgressBar: Sendable {}
