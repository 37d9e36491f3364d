import Operations
import Model

/// The Visualize tab: a PCA projection of a sample drawn with braille dots, coloured by a
/// payload field, with the legend and the selected point's payload beside it.
enum VisualizeTab {
  /// Draws the tab in `area`.
  static func render(_ page: CollectionPageModel, into surface: inout Surface, area: Rect) {
    let model = page.visualize
    guard model.isLoaded else {
      surface.write(
        model.isLoading ? "sampling and projecting…" : "no projection yet (Ctrl-R loads one)", at: area.origin,
        style: Style(.muted), maxWidth: area.width)
      return
    }
    guard !model.points.isEmpty else {
      surface.write("no points to project", at: area.origin, style: Style(.muted))
      return
    }
    let side = min(34, area.width / 3)
    let parts = Layout.horizontal([.fill, .fixed(1), .fixed(side)], in: area)
    let plot = parts[0]
    let legend = model.legend
    let title =
      "PCA of \(Quantity.count(model.points.count)) sampled points" + (model.field.map { " · colour: \($0) (f)" } ?? "")
    surface.write(title, at: plot.origin, style: Style(.muted), maxWidth: plot.width)
    let canvasArea = plot.inset(top: 1)
    guard !canvasArea.isEmpty else { return }
    var canvas = BrailleCanvas(size: canvasArea.size)
    let xs = model.points.map(\.x)
    let ys = model.points.map(\.y)
    let xRange = range(xs)
    let yRange = range(ys)
    for point in model.points {
      canvas.plot(
        x: point.x, y: point.y, xRange: xRange, yRange: yRange,
        role: ThemeRole.chartSeries(model.series(of: point, legend: legend)))
    }
    canvas.render(into: &surface, at: canvasArea.origin)
    if model.points.indices.contains(model.selected) {
      let point = model.points[model.selected]
      let column = cell(point.x, xRange, canvasArea.width)
      let row = canvasArea.height - 1 - cell(point.y, yRange, canvasArea.height)
      surface.write("◆", at: Point(x: canvasArea.x + column, y: canvasArea.y + row), style: Style(.selection))
    }
    renderSide(model, legend: legend, into: &surface, area: parts[2])
  }

  /// The legend, then the selected point's payload.
  static func renderSide(
    _ model: VisualizeModel, legend: [(value: String, count: Int)], into surface: inout Surface, area: Rect
  ) {
    var y = area.y
    surface.write(
      "legend · \(model.field ?? "-")", at: Point(x: area.x, y: y), style: Style(.title), maxWidth: area.width)
    y += 1
    for (index, entry) in legend.enumerated() where y < area.maxY {
      let x = surface.write("■ ", at: Point(x: area.x, y: y), style: Style(ThemeRole.chartSeries(index)))
      surface.write(
        "\(entry.value) (\(entry.count))", at: Point(x: x, y: y), style: Style(.text), maxWidth: area.maxX - x)
      y += 1
    }
    y += 1
    guard model.points.indices.contains(model.selected), y < area.maxY else { return }
    let point = model.points[model.selected]
    surface.write(
      "◆ point \(point.id) (arrows move)", at: Point(x: area.x, y: y), style: Style(.title), maxWidth: area.width)
    JSONTreeView(value: .object(point.payload), state: JSONTreeState(selectedLine: -1), isFocused: false)
      .render(into: &surface, area: Rect(x: area.x, y: y + 1, width: area.width, height: max(0, area.maxY - y - 1)))
  }

  private static func range(_ values: [Double]) -> ClosedRange<Double> {
    let low = values.min() ?? 0
    let high = values.max() ?? 0
    return high > low ? low...high : (low - 1)...(low + 1)
  }

  private static func cell(_ value: Double, _ range: ClosedRange<Double>, _ cells: Int) -> Int {
    let span = range.upperBound - range.lowerBound
    guard span > 0, cells > 0 else { return 0 }
    return min(cells - 1, max(0, Int((value - range.lowerBound) / span * Double(cells - 1) + 0.5)))
  }
}
