import Model
import Operations

/// The Search quality tab: recall@k of the index against exact search, with latency.
enum QualityTab {
  /// Draws the tab in `area`.
  static func render(_ page: CollectionPageModel, into surface: inout Surface, area: Rect) {
    let quality = page.quality
    var y = area.y
    func line(_ text: String, _ role: ThemeRole = .text) {
      guard y < area.maxY else { return }
      surface.write(text, at: Point(x: area.x, y: y), style: Style(role), maxWidth: area.width)
      y += 1
    }
    line(
      "Recall of the HNSW index against exact search on \(quality.sample) sampled points, top \(quality.limit).", .muted
    )
    line("")
    if let progress = quality.progress {
      line("measuring… \(progress.done) of \(progress.total) queries")
      let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 0
      ProgressBar.percent(fraction).render(
        into: &surface, area: Rect(x: area.x, y: y, width: min(area.width, 60), height: 1))
      y += 2
    }
    guard let report = quality.report else {
      if !quality.isRunning { line("no measurement yet: x runs one", .muted) }
      return
    }
    let label = "recall@\(report.limit)".padded(to: 14)
    line(
      label + "\(Quantity.fixed(report.recallMean, 3)) ± \(Quantity.fixed(report.recallStandardDeviation, 3))",
      report.recallMean >= 0.95 ? .statusOK : .statusWarning)
    ProgressBar(fraction: report.recallMean, role: .scoreBar)
      .render(into: &surface, area: Rect(x: area.x + 14, y: y, width: min(area.width - 14, 40), height: 1))
    y += 2
    let speedup = report.indexMilliseconds > 0 ? report.exactMilliseconds / report.indexMilliseconds : 0
    line(
      "latency".padded(to: 14)
        + "index \(Quantity.fixed(report.indexMilliseconds, 3)) ms · exact \(Quantity.fixed(report.exactMilliseconds, 3)) ms per query (\(Quantity.fixed(speedup, 1))× faster)"
    )
    line("ef".padded(to: 14) + "\(report.ef)  (raise it for recall, at the cost of latency)")
    line("queries".padded(to: 14) + "\(report.sample)")
  }
}
