import Model
/// The Console page: the scrollback of commands and results, and the command history.
public struct ConsoleModel: Hashable {
  /// The scrollback, oldest first.
  public var lines: [ConsoleLine] = []
  /// Lines scrolled back from the bottom (0 shows the latest).
  public var scrollBack = 0
  /// Commands run, oldest first (persisted across runs).
  public var history: [String] = []
  /// Whether a command is running.
  public var isRunning = false

  /// Creates an empty model.
  public init() {}

  /// Scrollback lines kept.
  public static let lineLimit = 5_000
  /// History entries kept.
  public static let historyLimit = 500

  /// Appends lines, dropping the oldest beyond ``lineLimit``.
  public mutating func append(_ new: [ConsoleLine]) {
    lines.append(contentsOf: new)
    if lines.count > Self.lineLimit { lines.removeFirst(lines.count - Self.lineLimit) }
    scrollBack = 0
  }
}

extension ConsoleModel: Sendable {}
