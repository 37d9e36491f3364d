// The C library for `memchr` and `memmove` only: memory functions, not system calls (those go
// through the engine's `System` layer, as ``ByteSource`` does).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import VectorEngine

/// A growable read buffer over a ``ByteSource``, with line splitting for text formats.
///
/// Unread bytes live in `storage[start..<end]`. Refilling moves them to the front when the
/// tail is full and doubles the storage (up to `maximumCapacity`) when they fill it all, so a
/// record or line may be as long as `maximumCapacity` but never longer.
struct InputBuffer: ~Copyable {
  /// Why the buffer could not deliver more input.
  enum Failure: Error {
    /// The system call failed.
    case system(SystemError)
    /// A line or record needs more than the maximum capacity.
    case tooLong(limit: Int)

    /// A message such as "line 3 is longer than 1048576 bytes" or "read failed: …".
    func message(lineNumber: Int) -> String {
      switch self {
      case .system(let failure): "\(failure.operation) failed: \(failure.reason)"
      case .tooLong(let limit): "line \(lineNumber) is longer than \(limit) bytes"
      }
    }
  }

  private var source: ByteSource
  private var storage: UnsafeMutableRawBufferPointer
  private var start = 0
  private var end = 0
  /// The largest the storage may grow.
  let maximumCapacity: Int
  /// Whether the source reported the end of input.
  private(set) var isExhausted = false
  /// Bytes read from the source so far.
  private(set) var bytesRead = 0

  /// Creates a buffer of `capacity` bytes that may grow to `maximumCapacity`.
  init(source: consuming ByteSource, capacity: Int, maximumCapacity: Int) {
    self.source = source
    self.storage = .allocate(byteCount: max(capacity, 16), alignment: 16)
    self.maximumCapacity = max(maximumCapacity, capacity)
  }

  deinit {
    storage.deallocate()
  }

  /// The source's size in bytes when it is a regular file.
  var totalBytes: Int? { source.size }

  /// How many bytes are buffered and not yet consumed.
  var unreadCount: Int { end - start }

  /// The buffered, unconsumed bytes; valid until the next mutating call.
  var unread: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }

  /// Marks `count` unread bytes as consumed.
  mutating func consume(_ count: Int) {
    precondition(count <= end - start, "consuming more than is buffered")
    start += count
  }

  /// Reads once more from the source; returns `false` at the end of input.
  ///
  /// - Complexity: O(n) in the unread bytes when it compacts or grows the storage.
  mutating func refill() throws(Failure) -> Bool {
    if isExhausted { return false }
    if start == end {
      start = 0
      end = 0
    } else if end == storage.count && start > 0 {
      let count = end - start
      if let base = storage.baseAddress { memmove(base, base + start, count) }
      start = 0
      end = count
    }
    if end == storage.count {
      guard storage.count < maximumCapacity else { throw .tooLong(limit: maximumCapacity) }
      let grown = UnsafeMutableRawBufferPointer.allocate(
        byteCount: min(storage.count * 2, maximumCapacity), alignment: 16)
      grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[start..<end]))
      storage.deallocate()
      storage = grown
      end -= start
      start = 0
    }
    let count: Int
    do {
      count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
    } catch {
      throw .system(error)
    }
    if count == 0 {
      isExhausted = true
      return false
    }
    end += count
    bytesRead += count
    return true
  }

  /// Refills until at least `count` bytes are unread; returns `false` if input ends first.
  mutating func ensure(_ count: Int) throws(Failure) -> Bool {
    while end - start < count {
      guard try refill() else { return end - start >= count }
    }
    return true
  }

  /// The next line without its `\n` (a final line may lack one), or `nil` at the end.
  ///
  /// The bytes are valid until the next mutating call. A `\r` before the `\n` is kept.
  ///
  /// - Complexity: O(n) in the line's length (each byte is scanned once).
  /// - Throws: ``Failure/tooLong(limit:)`` when a line exceeds ``maximumCapacity``.
  mutating func nextLine() throws(Failure) -> UnsafeRawBufferPointer? {
    var scanned = 0
    while true {
      if let base = storage.baseAddress, start + scanned < end,
        let found = memchr(base + start + scanned, 0x0A, end - start - scanned)
      {
        let newline = base.distance(to: found)
        let line = UnsafeRawBufferPointer(rebasing: storage[start..<newline])
        start = newline + 1
        return line
      }
      scanned = end - start
      if try refill() { continue }
      guard start < end else { return nil }
      let line = UnsafeRawBufferPointer(rebasing: storage[start..<end])
      start = end
      return line
    }
  }
}

// Unchecked because of the raw storage pointer: the buffer is noncopyable and the only owner
// of its storage, so no two threads can reach the memory at once.
extension InputBuffer: @unchecked Sendable {}
