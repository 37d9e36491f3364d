import Model

/// Writes batches in a task of their own while the caller parses the next one, so parsing and
/// durable writes (encode, fsync, apply) overlap. Batches are stored in submission order (each
/// write waits for the one before it, and none runs after one failed); at most `depth` wait at
/// once, so memory stays bounded.
final class UpsertPipeline {
  private let writer: any PointWriting
  private let collection: String
  private let depth: Int
  /// Writes not yet collected, oldest first, each with its batch size.
  private var pending: [(task: Task<UpdateResult, any Error>, points: Int)] = []
  private var failure: (any Error)?
  private var stored = 0
  private var lastOperation: UInt64 = 0

  /// Creates a pipeline writing through `writer`.
  init(writer: any PointWriting, collection: String, depth: Int = 2) {
    precondition(depth > 0, "an upsert pipeline holds at least one batch")
    self.writer = writer
    self.collection = collection
    self.depth = depth
  }

  /// Points stored durably so far (of the batches collected).
  var storedCount: Int { stored }

  /// Queues a batch; throws the first write failure as soon as it is known.
  func submit(_ batch: [PointStruct]) async throws {
    if let failure { throw failure }
    while pending.count >= depth { try await collectOldest() }
    let previous = pending.last?.task
    let writer = self.writer
    let collection = self.collection
    let task = Task {
      // In order: a batch is written only after the one before it was stored.
      if let previous { _ = try await previous.value }
      return try await writer.upsert(collection: collection, points: batch)
    }
    pending.append((task, batch.count))
  }

  /// Waits for every queued batch; returns the points stored and the last operation id.
  func finish() async throws -> (stored: Int, lastOperation: UInt64) {
    while !pending.isEmpty { try await collectOldest() }
    return (stored, lastOperation)
  }

  /// Waits for queued batches, ignoring their outcome (used when the input failed).
  func drain() async -> Int {
    while !pending.isEmpty { try? await collectOldest() }
    return stored
  }

  private func collectOldest() async throws {
    let (task, points) = pending.removeFirst()
    do {
      let result = try await task.value
      stored += points
      if result.operationID > 0 { lastOperation = result.operationID }
    } catch {
      if failure == nil { failure = error }
      throw error
    }
  }
}
