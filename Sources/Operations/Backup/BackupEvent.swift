/// A line of the scheduler's decision log, shared by every process through the catalog.
public struct BackupEvent: Hashable, Sendable {
  /// The catalog's id (increasing).
  public var id: Int64
  /// When (Unix seconds).
  public var at: Int64
  /// The schedule it concerns, if any.
  public var schedule: String?
  /// What was decided or done.
  public var message: String

  /// Creates an event.
  public init(id: Int64, at: Int64, schedule: String?, message: String) {
    self.id = id
    self.at = at
    self.schedule = schedule
    self.message = message
  }
}
