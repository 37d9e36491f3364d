import Dispatch

// SHA-256 on a second thread over buffers the caller fills in turn, so hashing overlaps the
// caller's reads and writes.
//
// Protocol: `nextBuffer()` hands out the fixed buffers in a ring; the caller fills the one it
// got and passes it on with `hash(_:)`, after which it may still read it (never write it) until
// it calls `nextBuffer()` again. `endStream()` closes the current message; `digests()` waits
// for the queued work and returns each closed message's digest, in order.
//
// Invariants: `available` counts the buffers no queued work item still reads; work items run
// one at a time, in order, so the buffer `nextBuffer()` returns after a wait is the one the
// oldest finished item read. `taken` counts buffers handed out and not yet passed to
// `hash(_:)` (one at most, unless the caller gave up on an error); the semaphore gets those
// back when the hasher is released, as libdispatch requires. Without a background thread
// every call does its work at once.

/// Computes SHA-256 digests on a second thread over buffers the caller fills in turn.
final class BackgroundHasher: @unchecked Sendable {
  // Thread safety: `hasher` and `finished` are touched only by work items on `queue` (or by the
  // owner's thread when `queue` is nil); `next` and `taken` only by the owner's thread; a buffer's bytes
  // are written only by the owner between `nextBuffer()` and `hash(_:)` (guarded by the
  // `available` semaphore) and only read afterwards.
  private let queue: DispatchQueue?
  private let available: DispatchSemaphore
  private let buffers: [UnsafeMutableRawBufferPointer]
  private var next = 0
  private var taken = 0
  private var hasher = SHA256Hasher()
  private var finished: [[UInt8]] = []

  /// The size of every buffer, in bytes.
  let bufferSize: Int

  /// Allocates `count` buffers of `size` bytes; hashes on a second thread when `background`.
  init(bufferSize size: Int, count: Int, background: Bool) {
    precondition(size > 0 && count >= 2, "BackgroundHasher needs at least two non-empty buffers")
    bufferSize = size
    buffers = (0..<count).map { _ in .allocate(byteCount: size, alignment: 64) }
    available = DispatchSemaphore(value: count)
    queue = background ? DispatchQueue(label: "ragops.snapshot.sha256") : nil
  }

  deinit {
    // Queued work items hold a reference, so none is left when this runs; a semaphore must
    // not be released below its initial value.
    if queue != nil {
      for _ in 0..<taken { available.signal() }
    }
    for buffer in buffers { buffer.deallocate() }
  }

  /// Waits until a buffer is free, then returns it for the caller to fill.
  func nextBuffer() -> UnsafeMutableRawBufferPointer {
    if queue != nil {
      available.wait()
      taken += 1
    }
    let buffer = buffers[next]
    next = (next + 1) % buffers.count
    return buffer
  }

  /// Adds the first `count` bytes of the buffer last returned by ``nextBuffer()`` to the
  /// current message.
  ///
  /// - Complexity: O(count), on the background thread when there is one.
  func hash(_ count: Int) {
    let index = (next + buffers.count - 1) % buffers.count
    precondition(count >= 0 && count <= bufferSize, "BackgroundHasher.hash: count out of range")
    guard let queue else {
      hasher.update(UnsafeRawBufferPointer(rebasing: buffers[index][0..<count]))
      return
    }
    taken -= 1
    queue.async { [self] in
      hasher.update(UnsafeRawBufferPointer(rebasing: buffers[index][0..<count]))
      available.signal()
    }
  }

  /// Ends the current message; the next ``hash(_:)`` starts a new one.
  func endStream() {
    guard let queue else {
      finished.append(hasher.finalize())
      return
    }
    queue.async { [self] in finished.append(hasher.finalize()) }
  }

  /// Waits for the queued work and returns the digest of every ended message, in order.
  ///
  /// - Returns: one 32-byte digest per ``endStream()`` call so far.
  func digests() -> [[UInt8]] {
    guard let queue else { return finished }
    return queue.sync { finished }
  }
}
