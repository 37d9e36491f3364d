/// The `LOCK` file of a data directory, held with `flock` by the one writer process.
///
/// The kernel releases the lock when the process dies, so a crash never leaves a stale lock.
/// The file holds the owner's pid, for the message another process shows.
final class DirectoryLock: Sendable {
  private let descriptor: FileDescriptor

  /// Takes the lock on `directory/LOCK`.
  ///
  /// - Throws: ``EngineError`` `locked` naming the holder's pid.
  init(directory: String) throws(EngineError) {
    let path = directory + "/LOCK"
    do {
      descriptor = try System.open(path, .readWrite, create: true)
    } catch {
      throw EngineError.from(error)
    }
    do {
      guard try descriptor.tryLockExclusive() else {
        let holder = (try? descriptor.readAll()).flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").first }
        let pid = holder.flatMap { Int($0) }.map(String.init) ?? "unknown"
        throw EngineError(.locked, "data directory \(directory) is in use by pid \(pid)")
      }
      try descriptor.truncate(to: 0)
      try descriptor.writeAll(Array("\(System.processID)\n".utf8))
    } catch {
      // Every stored property is set, so `deinit` runs and closes the descriptor: closing it
      // here too would close whatever file another thread opened under the same number.
      throw EngineError.from(error)
    }
  }

  deinit {
    descriptor.close()
  }
}
