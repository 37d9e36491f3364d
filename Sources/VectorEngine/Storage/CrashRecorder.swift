// Debug-build recording of the calls that decide what a crash leaves on disk.
//
// A test starts a recorder for one directory; from then on every call of `System` and
// `FileDescriptor` that changes or flushes something under that directory is logged, in the
// order the calls returned: opens for writing, writes with their offset and bytes,
// truncations, fsyncs, mkdir, rename, exchange, link, unlink, rmdir, and closes of the
// descriptors logged as opened. Calls that only read are not logged. Test support replays the
// log to build every state a crash between two logged calls may leave (see the crash-point
// tests), so the log holds exactly what that replay needs and nothing it does not.
//
// Recorders are scoped by path prefix, so tests running in parallel on other directories
// neither see nor disturb each other's calls. Release builds compile the recording away, as
// they do `FaultInjection`.

import Synchronization

/// A log of the durability-relevant calls made under one directory; only debug builds can
/// start one.
package final class CrashRecorder: Sendable {
  /// A call that returned successfully, as the replay needs it (a close is logged as it is
  /// made, before its descriptor number can be reused).
  package enum Operation: Sendable, Hashable {
    /// `open` for writing, or with `O_CREAT`; `create` when `O_CREAT` was passed, whether or
    /// not the file existed.
    case open(descriptor: Int32, path: String, create: Bool)
    /// `close` of a descriptor logged by ``open(descriptor:path:create:)``.
    case close(descriptor: Int32)
    /// `write` or `pwrite` of `bytes` at byte `offset` of the file.
    case write(descriptor: Int32, path: String, offset: Int, bytes: [UInt8])
    /// `ftruncate` to `size` bytes.
    case truncate(descriptor: Int32, path: String, size: Int)
    /// `fsync` of a file or a directory.
    case sync(descriptor: Int32, path: String)
    /// `mkdir`.
    case makeDirectory(path: String)
    /// `rename`.
    case rename(from: String, to: String)
    /// `renameat2` with `RENAME_EXCHANGE`.
    case exchange(String, String)
    /// `link`: a second name for an existing file.
    case link(from: String, to: String)
    /// `unlink`.
    case removeFile(path: String)
    /// `rmdir`.
    case removeDirectory(path: String)
  }

  /// The directory's path ending in `/`: every path logged is the directory or starts with it.
  package let prefix: String

  /// Called after each logged call, outside every lock, with the number of calls logged so
  /// far and the call; it may make calls of its own (they are logged too).
  private let observer: (@Sendable (Int, Operation) -> Void)?
  /// The log, and the descriptors logged as open (so that only their closes are logged).
  private let log = Mutex<(operations: [Operation], open: Set<Int32>)>(([], []))

  private init(prefix: String, observer: (@Sendable (Int, Operation) -> Void)?) {
    self.prefix = prefix
    self.observer = observer
  }

  #if DEBUG
  /// The recorders started and not yet stopped.
  private static let active = Mutex<[CrashRecorder]>([])
  /// Whether any recorder is active: the cheap test every call makes first.
  private static let anyActive = Atomic<Bool>(false)

  /// Starts logging the calls under `directory` (tests only).
  ///
  /// - Parameters:
  ///   - directory: An absolute path with symbolic links resolved, as the engine will use it.
  ///   - observer: Called after each logged call (see the property of the same name).
  package static func start(
    under directory: String, observer: (@Sendable (Int, Operation) -> Void)? = nil
  ) -> CrashRecorder {
    let recorder = CrashRecorder(
      prefix: directory.hasSuffix("/") ? directory : directory + "/", observer: observer)
    active.withLock {
      $0.append(recorder)
      anyActive.store(true, ordering: .releasing)
    }
    return recorder
  }

  /// Whether `path` is the directory or lies under it.
  private func covers(_ path: String) -> Bool {
    path.hasPrefix(prefix) || path + "/" == prefix
  }

  /// Stops logging; the calls logged so far stay readable.
  package func stop() {
    Self.active.withLock { recorders in
      recorders.removeAll { $0 === self }
      Self.anyActive.store(!recorders.isEmpty, ordering: .releasing)
    }
  }

  /// The calls logged so far, in the order they returned.
  package var operations: [Operation] { log.withLock { $0.operations } }

  /// How many calls were logged so far: a crash "at" this count happens after all of them.
  package var count: Int { log.withLock { $0.operations.count } }
  #endif

  /// Logs the call `operation` describes when `path` (or `other`) lies under an active
  /// recorder's directory. `operation` is evaluated only then; in release builds never.
  @inline(__always)
  static func record(_ path: String, _ other: String? = nil, _ operation: () -> Operation) {
    #if DEBUG
    guard anyActive.load(ordering: .acquiring) else { return }
    let recorders = active.withLock { recorders in
      recorders.filter { $0.covers(path) || (other.map($0.covers) ?? false) }
    }
    guard !recorders.isEmpty else { return }
    let made = operation()
    for recorder in recorders {
      let count: Int? = recorder.log.withLock { log in
        switch made {
        case .open(let descriptor, _, _):
          log.open.insert(descriptor)
        case .close(let descriptor):
          guard log.open.remove(descriptor) != nil else { return nil }
        default:
          break
        }
        log.operations.append(made)
        return log.operations.count
      }
      if let count { recorder.observer?(count, made) }
    }
    #endif
  }
}
