import Dispatch
import Foundation
import Model

/// Writes batches on a second thread while the caller parses the next one, so parsing and
/// durable writes (encode, fsync, apply) overlap. Batches are stored in submission order;
/// at most `depth` wait at once, so memory stays bounded.
final class UpsertPipeline: @unchecked Sendable {
  private let backend: any Backend
  private let collection: String
  private let queue = DispatchQueue(label: "ragops.upsert")
  private let slots: DispatchSemaphore
  /// Guards `failure`, `stored` and `lastOperation`.
  private let lock = NSLock()
  private var failure: (any Error)?
  private var stored = 0
  private var lastOperation: UInt64 = 0

  init(backend: any Backend, collection: String, depth: Int = 2) {
    self.backend = backend
    self.collection = collection
    slots = DispatchSemaphore(value: depth)
  }

  /// Points stored durably so far.
  var storedCount: Int { lock.withLock { stored } }

  /// Queues a batch; throws the first write failure as soon as it is known.
  func submit(_ batch: [PointStruct]) throws {
    if let failure = lock.withLock({ failure }) { throw failure }
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      guard lock.withLock({ failure == nil }) else { return }
      do {
        let result = try backend.upsert(collection: collection, points: batch)
        lock.withLock {
          stored += batch.count
          if result.operationID > 0 { lastOperation = result.operationID }
        }
      } catch {
        lock.withLock { failure = error }
      }
    }
  }

  /// Waits for every queued batch; returns the points stored and the last operation id.
  func finish() throws -> (stored: Int, lastOperation: UInt64) {
    queue.sync {}
    return try lock.withLock {
      if let failure { throw failure }
      return (stored, lastOperation)
    }
  }

  /// Waits for queued batches, ignoring their outcome (used when the input failed).
  func drain() -> Int {
    queue.sync {}
    return storedCount
  }
}
