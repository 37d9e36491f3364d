// The engine's lock for state shared between threads whose guarded closures return values
// that `Synchronization.Mutex` would not let out. It only takes and releases a
// `pthread_mutex_t` (no I/O), which is why it, and no other file but System.swift, imports
// the C library.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutual-exclusion lock over `pthread_mutex_t` whose closures may return any value.
///
/// `Synchronization.Mutex` ties returned values to its region, which rules out returning
/// results derived from non-Sendable state; this lock leaves that reasoning to its owner,
/// who documents what it guards.
final class Lock: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Runs `body` while holding the lock.
  func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}
