/// A lock file held with `flock` by one process at a time: the data directory's `LOCK`, the
/// backup runner's `locks/backup.lock`.
///
/// The kernel releases the lock when the process dies, so a crash never leaves a stale lock
/// and staleness is never guessed from a pid. The file holds the owner's pid, for the message
/// another process shows. The lock is released when the value is deinitialized.
import Model

public final class LockFile: Sendable {
  private let descriptor: FileDescriptor
  /// The lock file's path.
  public let path: String

  /// Takes the lock on `path` without waiting, creating the file (mode 0600) if needed.
  ///
  /// - Parameter holder: the message when another process holds it, given that process's pid
  ///   (or `unknown`).
  /// - Throws: ``StoreError`` `locked` with `holder`'s message, or `io`.
  public init(path: String, holder: (String) -> String) throws(StoreError) {
    self.path = path
    do {
      descriptor = try System.open(path, .readWrite, create: true)
    } catch {
      throw StoreError.from(error)
    }
    do {
      guard try descriptor.tryLockExclusive() else {
        throw StoreError(.locked, holder(Self.recordedPID(descriptor)))
      }
      try descriptor.truncate(to: 0)
      try descriptor.writeAll(Array("\(System.processID)\n".utf8))
    } catch {
      // Every stored property is set, so `deinit` runs and closes the descriptor: closing it
      // here too would close whatever file another thread opened under the same number.
      throw StoreError.from(error)
    }
  }

  /// Takes the data directory's `LOCK`.
  convenience init(dataDirectory directory: String) throws(StoreError) {
    try self.init(path: directory + "/LOCK") { "data directory \(directory) is in use by pid \($0)" }
  }

  deinit {
    descriptor.close()
  }

  private static func recordedPID(_ descriptor: FileDescriptor) -> String {
    let text = (try? descriptor.readAll()).flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").first }
    return text.flatMap { Int($0) }.map(String.init) ?? "unknown"
  }
}
