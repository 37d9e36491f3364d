// Calls on an open file descriptor: part of the engine's one system-call layer (see the
// header of System.swift). Every call retries EINTR and throws `SystemError` naming the call
// and the path; calls that change or flush a file pass through `FaultInjection` and report to
// `CrashRecorder`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEngineSupport
import Dispatch

/// An open file descriptor; the owner closes it.
package struct FileDescriptor: Sendable {
  /// The kernel's descriptor number.
  package let rawValue: Int32
  /// The path it was opened with, for error messages.
  package let path: String

  init(rawValue: Int32, path: String) {
    self.rawValue = rawValue
    self.path = path
  }

  /// A descriptor the caller opened and keeps, such as standard input (0) or output (1);
  /// `name` stands for its path in messages.
  package init(borrowing rawValue: Int32, name: String) {
    self.init(rawValue: rawValue, path: name)
  }

  /// Closes the descriptor; the corresponding C function is `close`.
  package func close() {
    CrashRecorder.record(path) { .close(descriptor: rawValue) }
    _ = Glibc.close(rawValue)
  }

  /// Closes the descriptor and reports a failure, which on some file systems is the first sign
  /// that buffered writes were lost.
  package func closeReportingFailure() throws(SystemError) {
    CrashRecorder.record(path) { .close(descriptor: rawValue) }
    if Glibc.close(rawValue) != 0 { throw SystemError(code: errno, operation: "close", path: path) }
  }

  /// What `fstat` says of the open file: its kind, its size, and the current offset.
  package func status() throws(SystemError) -> FileStatus {
    var info = stat()
    _ = try System.retrying("fstat", path) { fstat(rawValue, &info) }
    let kind = info.st_mode & S_IFMT
    let offset = lseek(rawValue, 0, SEEK_CUR)
    return FileStatus(
      isRegularFile: kind == S_IFREG, isDirectory: kind == S_IFDIR, size: Int(info.st_size),
      offset: offset < 0 ? 0 : Int(offset))
  }

  /// Reads up to `buffer.count` bytes at the current offset with one successful `read`, so on a
  /// pipe it returns whatever has arrived; 0 means the end of input.
  package func readSome(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      let count = Glibc.read(rawValue, base, buffer.count)
      if count >= 0 { return count }
      if errno != EINTR { throw SystemError(code: errno, operation: "read", path: path) }
    }
  }

  /// The file's current size in bytes; the corresponding C function is `fstat`.
  func size() throws(SystemError) -> Int {
    var info = stat()
    _ = try System.retrying("fstat", path) { fstat(rawValue, &info) }
    return Int(info.st_size)
  }

  /// Writes all of `bytes` at the current offset, looping over short writes.
  package func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
    var done = 0
    while done < bytes.count {
      var chunk = bytes.count - done
      try FaultInjection.check(.write, path, chunk: &chunk)
      guard let base = bytes.baseAddress else { return }
      let written = Glibc.write(rawValue, base + done, chunk)
      if written < 0 {
        if errno == EINTR { continue }
        throw SystemError(code: errno, operation: "write", path: path)
      }
      CrashRecorder.record(path) {
        .write(
          descriptor: rawValue, path: path, offset: Int(lseek(rawValue, 0, SEEK_CUR)) - written,
          bytes: Array(UnsafeRawBufferPointer(start: base + done, count: written)))
      }
      done += written
    }
  }

  /// Writes all of `bytes` at byte `offset` of the file, leaving the file offset alone; the
  /// corresponding C function is `pwrite`.
  func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SystemError) {
    var done = 0
    while done < bytes.count {
      var chunk = bytes.count - done
      try FaultInjection.check(.write, path, chunk: &chunk)
      guard let base = bytes.baseAddress else { return }
      let written = pwrite(rawValue, base + done, chunk, off_t(offset + done))
      if written < 0 {
        if errno == EINTR { continue }
        throw SystemError(code: errno, operation: "pwrite", path: path)
      }
      CrashRecorder.record(path) {
        .write(
          descriptor: rawValue, path: path, offset: offset + done,
          bytes: Array(UnsafeRawBufferPointer(start: base + done, count: written)))
      }
      done += written
    }
  }

  /// Tells the kernel the file will be read front to back, so it reads further ahead; the
  /// corresponding C function is `posix_fadvise` with `POSIX_FADV_SEQUENTIAL`. A hint: failures
  /// are ignored.
  func adviseSequentialReading() {
    _ = posix_fadvise(rawValue, 0, 0, POSIX_FADV_SEQUENTIAL)
  }

  /// Starts writing `length` bytes at `offset` to the disk without waiting, so a later `fsync`
  /// has less left to do; the corresponding C function is `sync_file_range` with
  /// `SYNC_FILE_RANGE_WRITE`. A hint that makes nothing durable: failures are ignored.
  func startWriteback(offset: Int, length: Int) {
    _ = ragops_start_writeback(rawValue, Int64(offset), Int64(length))
  }

  /// Starts ``sync()`` on another thread and returns at once; the caller must call
  /// ``BackgroundSync/wait()`` before closing the descriptor.
  ///
  /// The sync runs on a serial queue of its own, which Dispatch backs with a thread at once,
  /// not on the shared global queue: callers block in `wait()`, and when every thread of the
  /// global pool is such a caller, work queued there waits for the pool to grow.
  func syncInBackground() -> BackgroundSync {
    let pending = BackgroundSync()
    pending.group.enter()
    DispatchQueue(label: "ragops.sync").async { [self] in
      do throws(SystemError) {
        try sync()
      } catch {
        pending.error = error
      }
      pending.group.leave()
    }
    return pending
  }

  /// Writes all of `bytes` at the current offset.
  func writeAll(_ bytes: [UInt8]) throws(SystemError) {
    try bytes.withUnsafeBytes { raw in
      Result { () throws(SystemError) in try writeAll(raw) }
    }.get()
  }

  /// Reads exactly `count` bytes at `offset` into `buffer`, or fewer at end of file.
  ///
  /// - Returns: the number of bytes read.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
    var done = 0
    while done < buffer.count {
      guard let base = buffer.baseAddress else { return 0 }
      let got = pread(rawValue, base + done, buffer.count - done, off_t(offset + done))
      if got < 0 {
        if errno == EINTR { continue }
        throw SystemError(code: errno, operation: "read", path: path)
      }
      if got == 0 { break }
      done += got
    }
    return done
  }

  /// Reads the whole file into memory.
  ///
  /// - Complexity: O(n) in the file size.
  func readAll() throws(SystemError) -> [UInt8] {
    let count = try size()
    var bytes = [UInt8](repeating: 0, count: count)
    let got = try bytes.withUnsafeMutableBytes { raw in
      Result { () throws(SystemError) in try read(into: raw, at: 0) }
    }.get()
    if got < count { bytes.removeLast(count - got) }
    return bytes
  }

  /// Moves the file offset to the end; the corresponding C function is `lseek`.
  func seekToEnd() throws(SystemError) -> Int {
    let offset = lseek(rawValue, 0, SEEK_END)
    if offset < 0 { throw SystemError(code: errno, operation: "lseek", path: path) }
    return Int(offset)
  }

  /// Sets the file's size; the corresponding C function is `ftruncate`.
  func truncate(to size: Int) throws(SystemError) {
    try FaultInjection.check(.truncate, path)
    _ = try System.retrying("ftruncate", path) { ftruncate(rawValue, off_t(size)) }
    CrashRecorder.record(path) { .truncate(descriptor: rawValue, path: path, size: size) }
  }

  /// Flushes the file's data and metadata to disk; the corresponding C function is `fsync`.
  func sync() throws(SystemError) {
    try FaultInjection.check(.sync, path)
    _ = try System.retrying("fsync", path) { fsync(rawValue) }
    CrashRecorder.record(path) { .sync(descriptor: rawValue, path: path) }
  }

  /// Takes an exclusive advisory lock without waiting; `false` if another process holds it.
  ///
  /// The corresponding C function is `flock`. The lock dies with the process.
  func tryLockExclusive() throws(SystemError) -> Bool {
    while true {
      if flock(rawValue, LOCK_EX | LOCK_NB) == 0 { return true }
      let code = errno
      if code == EINTR { continue }
      if code == EWOULDBLOCK { return false }
      throw SystemError(code: code, operation: "flock", path: path)
    }
  }
}

/// What `fstat` and `lseek` say of an open file (see ``FileDescriptor/status()``).
package struct FileStatus: Sendable {
  /// Whether it is a regular file (not a pipe, terminal, socket or directory).
  package var isRegularFile: Bool
  /// Whether it is a directory.
  package var isDirectory: Bool
  /// Its size in bytes (meaningful for a regular file).
  package var size: Int
  /// The descriptor's current offset (0 where it has none, as on a pipe).
  package var offset: Int
}

/// An `fsync` running on another thread (see ``FileDescriptor/syncInBackground()``).
final class BackgroundSync: @unchecked Sendable {
  /// Entered before the sync starts, left when it ends; `error` is written before the leave
  /// and read only after `wait` returns, so the group orders every access to it.
  fileprivate let group = DispatchGroup()
  fileprivate var error: SystemError?

  /// Waits for the sync to finish.
  ///
  /// - Throws: the sync's ``SystemError``.
  func wait() throws(SystemError) {
    group.wait()
    if let error { throw error }
  }
}
