/// Long work under way (a snapshot, a restore, a backup…), shown in the status row with a
/// spinner and the seconds it has taken: `⠹ taking a snapshot of docs… 12s`.
///
/// It holds no clock of its own: it starts at the state's ``AppState/now``, and the loop's
/// ticks advance both that clock and the spinner, so the same actions always draw the same
/// row. There is no percentage: the engine does not report one for this work.
public struct ActivityModel: Hashable {
  /// What is being done, ending in `…`.
  public var text: String
  /// When the work started (Unix seconds, from the state's clock).
  public var startedAt: Int64
  /// Ticks seen since the work started; chooses the spinner frame.
  public var ticks: Int

  /// The spinner's frames, shown one per tick.
  static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

  /// Creates the activity of work that starts at `startedAt`.
  public init(_ text: String, startedAt: Int64) {
    self.text = text
    self.startedAt = startedAt
    ticks = 0
  }

  /// Whole seconds since the work started, at `now` (never negative).
  public func elapsedSeconds(now: Int64) -> Int64 { max(0, now - startedAt) }

  /// The spinner frame for the ticks seen so far.
  var spinnerFrame: String { Self.spinnerFrames[ticks % Self.spinnerFrames.count] }

  /// The status row's text at `now`: `⠹ taking a snapshot of docs… 12s`, `… 2m 05s`.
  func statusText(now: Int64) -> String {
    let seconds = elapsedSeconds(now: now)
    let rest = seconds % 60
    let elapsed = seconds < 60 ? "\(seconds)s" : "\(seconds / 60)m \(rest < 10 ? "0" : "")\(rest)s"
    return "\(spinnerFrame) \(text) \(elapsed)"
  }
}

extension ActivityModel: Sendable {}
