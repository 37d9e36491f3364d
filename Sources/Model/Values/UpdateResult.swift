/// The outcome of a write, after it is durable (Qdrant's `UpdateResult`, `status: completed`).
public struct UpdateResult: Hashable {
  /// The write-ahead-log sequence of the operation (Qdrant's `operation_id`); 0 when nothing
  /// needed writing.
  public var operationID: UInt64
  /// How many points the operation touched.
  public var affected: Int

  /// Creates a result.
  public init(operationID: UInt64, affected: Int) {
    self.operationID = operationID
    self.affected = affected
  }
}

extension UpdateResult: Sendable {}
