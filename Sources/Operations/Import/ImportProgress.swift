import VectorEngine

/// Shows a long import's progress on one redrawn line of standard error.
///
/// The line reads `imported 45,000 points  12,345 points/s  ETA 4s`; the ETA appears only
/// when the input's size is known and is estimated from the bytes read so far. The line is
/// redrawn at most once per ``redrawInterval``, and only when standard error is a terminal:
/// otherwise (a log file, a pipe, a test) the reporter prints nothing at all. ``finish()``
/// erases the line so the command's own summary starts on a clean line.
///
/// Clock, terminal check and output are injected so tests can drive it.
public struct ImportProgress {
  /// The shortest time between two redraws.
  public static let redrawInterval: Duration = .milliseconds(200)

  private let isTerminal: Bool
  private let clock: @Sendable () -> Duration
  private let write: @Sendable (String) -> Void
  private let start: Duration
  private var lastDraw: Duration
  private var isLineShown = false

  /// Creates a reporter.
  ///
  /// - Parameters:
  ///   - isTerminal: Whether to draw at all; normally whether standard error is a terminal.
  ///   - clock: Monotonic time since any fixed origin; read once here and at each update.
  ///   - write: Where the text goes, control sequences included.
  public init(
    isTerminal: Bool, clock: @escaping @Sendable () -> Duration,
    write: @escaping @Sendable (String) -> Void
  ) {
    self.isTerminal = isTerminal
    self.clock = clock
    self.write = write
    self.start = clock()
    self.lastDraw = start
  }

  /// Creates a reporter for standard error, drawing only if it is a terminal.
  public init() {
    let origin = ContinuousClock.now
    self.init(
      isTerminal: System.isTerminal(2), clock: { ContinuousClock.now - origin },
      write: { text in
        var sink = OutputSink(borrowing: 2)
        try? sink.write(text)
        try? sink.close()
      })
  }

  /// Reports the current totals; redraws the line if enough time has passed.
  ///
  /// - Parameters:
  ///   - pointsImported: Points stored so far.
  ///   - bytesRead: Input bytes consumed so far.
  ///   - totalBytes: The input's size, when known.
  public mutating func update(pointsImported: Int, bytesRead: Int, totalBytes: Int?) {
    guard isTerminal else { return }
    let now = clock()
    guard now - lastDraw >= Self.redrawInterval else { return }
    lastDraw = now
    let text = Self.line(
      pointsImported: pointsImported, elapsed: now - start, bytesRead: bytesRead,
      totalBytes: totalBytes)
    write("\r" + text + "\u{1B}[K")
    isLineShown = true
  }

  /// Erases the progress line, if one was drawn.
  public mutating func finish() {
    guard isLineShown else { return }
    write("\r\u{1B}[K")
    isLineShown = false
  }

  /// The progress text, such as `imported 45,000 points  12,345 points/s  ETA 4s`.
  ///
  /// The rate is the average since the start; it is left out while no time has passed.
  public static func line(
    pointsImported: Int, elapsed: Duration, bytesRead: Int, totalBytes: Int?
  ) -> String {
    var text = "imported \(Quantity.count(pointsImported)) points"
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard seconds > 0 else { return text }
    text += "  \(Quantity.count(Int(Double(pointsImported) / seconds))) points/s"
    if let totalBytes, bytesRead > 0 {
      let remaining = Double(max(totalBytes - bytesRead, 0))
      let estimate = remaining / (Double(bytesRead) / seconds)
      text += "  ETA " + Quantity.countdown(seconds: Int(estimate.rounded(.up)))
    }
    return text
  }

}

extension ImportProgress: Sendable {}
