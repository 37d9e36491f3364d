// The lock of a collection's state: many readers at once (searches, counts, retrievals) or one
// writer. It wraps `pthread_rwlock_t` (no I/O), which is why it imports the C library (see the
// header of System.swift). Writers are preferred: once a writer waits, new readers wait behind
// it, so a stream of searches never starves an upsert. Elsewhere the project's lock is
// `Synchronization.Mutex`; this one exists because readers must share.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many readers or one writer, writers first.
///
/// Not recursive: a thread holding it must not take it again in either mode. Taking it again
/// is a programming error that stops the process (the C library reports it as a deadlock;
/// going on would run `body` unprotected and then release the other holder's lock).
final class ReadWriteLock: @unchecked Sendable {
  private let lock: UnsafeMutablePointer<pthread_rwlock_t>

  init() {
    lock = .allocate(capacity: 1)
    lock.initialize(to: pthread_rwlock_t())
    var attributes = pthread_rwlockattr_t()
    pthread_rwlockattr_init(&attributes)
    #if canImport(Glibc)
    pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
    #endif
    pthread_rwlock_init(lock, &attributes)
    pthread_rwlockattr_destroy(&attributes)
  }

  deinit {
    pthread_rwlock_destroy(lock)
    lock.deallocate()
  }

  /// Runs `body` while holding the lock shared with other readers.
  func reading<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
    let result = pthread_rwlock_rdlock(lock)
    precondition(result == 0, "ReadWriteLock: read lock refused (error \(result)); is it held by this thread?")
    defer { pthread_rwlock_unlock(lock) }
    return try body()
  }

  /// Runs `body` while holding the lock alone.
  func writing<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
    let result = pthread_rwlock_wrlock(lock)
    precondition(result == 0, "ReadWriteLock: write lock refused (error \(result)); is it held by this thread?")
    defer { pthread_rwlock_unlock(lock) }
    return try body()
  }
}
