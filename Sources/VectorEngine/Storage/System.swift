// The one file in the engine that calls the operating system.
//
// Every call retries EINTR, turns errno into a `SystemError` naming the call and the path, and
// passes through `FaultInjection` in debug builds so tests can force ENOSPC, EIO or a short
// write at a chosen call; calls that change or flush files are also reported to
// `CrashRecorder`, which logs them for crash-point tests when one is started. Nothing else in
// VectorEngine imports Glibc but Lock.swift, for the pthread mutex it wraps (no I/O).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEngineSupport
import Dispatch

/// Thin, typed wrappers over the POSIX calls the storage layer needs.
enum System {
  static let errnoNoSpace = ENOSPC
  static let errnoQuota = EDQUOT
  static let errnoWouldBlock = EWOULDBLOCK
  static let errnoNotFound = ENOENT
  static let errnoExists = EEXIST
  static let errnoIO = EIO

  /// The C library's text for `errno`.
  static func describe(errno code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }

  /// The process id.
  static var processID: Int32 { getpid() }

  /// Opens `path`; the corresponding C function is `open`.
  static func open(
    _ path: String, _ access: OpenAccess, create: Bool = false, exclusive: Bool = false,
    mode: UInt32 = 0o600
  ) throws(SystemError) -> FileDescriptor {
    var flags: Int32 = O_CLOEXEC
    switch access {
    case .readOnly: flags |= O_RDONLY
    case .writeOnly: flags |= O_WRONLY
    case .readWrite: flags |= O_RDWR
    case .directory: flags |= O_RDONLY | O_DIRECTORY
    }
    if create { flags |= O_CREAT }
    if exclusive { flags |= O_EXCL | O_NOFOLLOW }
    try FaultInjection.check(.open, path)
    let fd = try retrying("open", path) { Glibc.open(path, flags, mode_t(mode)) }
    if create || access == .writeOnly || access == .readWrite {
      CrashRecorder.record(path) { .open(descriptor: fd, path: path, create: create) }
    }
    return FileDescriptor(rawValue: fd, path: path)
  }

  /// Creates a directory with mode 0700; the corresponding C function is `mkdir`.
  static func makeDirectory(_ path: String) throws(SystemError) {
    try FaultInjection.check(.mkdir, path)
    _ = try retrying("mkdir", path) { mkdir(path, 0o700) }
    CrashRecorder.record(path) { .makeDirectory(path: path) }
  }

  /// Creates a directory unless it exists.
  static func makeDirectoryIfMissing(_ path: String) throws(SystemError) {
    do {
      try makeDirectory(path)
    } catch  where error.code == EEXIST {
      return
    }
  }

  /// Atomically renames `source` to `destination`; the corresponding C function is `rename`.
  static func rename(_ source: String, to destination: String) throws(SystemError) {
    try FaultInjection.check(.rename, destination)
    _ = try retrying("rename", destination) { Glibc.rename(source, destination) }
    CrashRecorder.record(source, destination) { .rename(from: source, to: destination) }
  }

  /// Atomically swaps two paths (both must exist); the corresponding C function is
  /// `renameat2` with `RENAME_EXCHANGE`.
  static func exchange(_ first: String, _ second: String) throws(SystemError) {
    try FaultInjection.check(.rename, second)
    _ = try retrying("renameat2", second) { ragops_rename_exchange(first, second) }
    CrashRecorder.record(first, second) { .exchange(first, second) }
  }

  /// Gives the file at `source` the second name `destination`, failing with `EEXIST` when
  /// something is there already; the corresponding C function is `link`.
  static func link(_ source: String, to destination: String) throws(SystemError) {
    try FaultInjection.check(.rename, destination)
    _ = try retrying("link", destination) { Glibc.link(source, destination) }
    CrashRecorder.record(source, destination) { .link(from: source, to: destination) }
  }

  /// Removes a file; the corresponding C function is `unlink`.
  static func removeFile(_ path: String) throws(SystemError) {
    _ = try retrying("unlink", path) { unlink(path) }
    CrashRecorder.record(path) { .removeFile(path: path) }
  }

  /// Removes a file if it exists.
  static func removeFileIfPresent(_ path: String) throws(SystemError) {
    do {
      try removeFile(path)
    } catch  where error.code == ENOENT {
      return
    }
  }

  /// Removes an empty directory; the corresponding C function is `rmdir`.
  static func removeDirectory(_ path: String) throws(SystemError) {
    _ = try retrying("rmdir", path) { rmdir(path) }
    CrashRecorder.record(path) { .removeDirectory(path: path) }
  }

  /// Removes a directory and everything below it, without following symbolic links.
  ///
  /// - Complexity: O(n) in the number of entries.
  static func removeTree(_ path: String) throws(SystemError) {
    guard let kind = try kindOfEntry(path) else { return }
    if kind == .directory {
      for name in try listDirectory(path) {
        try removeTree(path + "/" + name)
      }
      try removeDirectory(path)
    } else {
      try removeFile(path)
    }
  }

  /// What a path names, without following a final symbolic link; `nil` if nothing.
  static func kindOfEntry(_ path: String) throws(SystemError) -> EntryKind? {
    var info = stat()
    if lstat(path, &info) != 0 {
      let code = errno
      if code == ENOENT || code == ENOTDIR { return nil }
      throw SystemError(code: code, operation: "lstat", path: path)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symbolicLink
    default: return .other
    }
  }

  /// The size in bytes of the file at `path`, or `nil` if it does not exist.
  static func fileSize(_ path: String) throws(SystemError) -> Int? {
    var info = stat()
    if stat(path, &info) != 0 {
      let code = errno
      if code == ENOENT { return nil }
      throw SystemError(code: code, operation: "stat", path: path)
    }
    return Int(info.st_size)
  }

  /// The absolute path of an existing file or folder, with symbolic links and `.`/`..`
  /// resolved; the corresponding C function is `realpath`.
  static func resolvedPath(_ path: String) throws(SystemError) -> String {
    guard let resolved = realpath(path, nil) else {
      throw SystemError(code: errno, operation: "realpath", path: path)
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The names in a directory, without `.` and `..`, sorted.
  ///
  /// - Complexity: O(n log n) in the number of entries.
  static func listDirectory(_ path: String) throws(SystemError) -> [String] {
    guard let handle = opendir(path) else {
      throw SystemError(code: errno, operation: "opendir", path: path)
    }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      // `d_name` is a fixed-size array holding a NUL-terminated name.
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Flushes a directory's entries to disk, so renames and creations in it are durable.
  static func syncDirectory(_ path: String) throws(SystemError) {
    let directory = try open(path, .directory)
    defer { directory.close() }
    try directory.sync()
  }

  /// Fills `buffer` with random bytes from the kernel (falls back to the system generator).
  static func randomUInt32() -> UInt32 {
    var generator = SystemRandomNumberGenerator()
    return UInt32.random(in: .min ... .max, using: &generator)
  }

  /// Whether file descriptor `fd` is a terminal; the corresponding C function is `isatty`.
  static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

  /// Maps `length` bytes of `descriptor` read-only; the corresponding C function is `mmap`.
  static func mapReadOnly(_ descriptor: FileDescriptor, length: Int, populate: Bool)
    throws(SystemError) -> UnsafeRawPointer
  {
    var flags = MAP_SHARED
    if populate { flags |= MAP_POPULATE }
    let address = mmap(nil, length, PROT_READ, flags, descriptor.rawValue, 0)
    guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else {
      throw SystemError(code: errno, operation: "mmap", path: descriptor.path)
    }
    if !populate { _ = madvise(address, length, MADV_RANDOM) }
    return UnsafeRawPointer(address)
  }

  /// Unmaps a region returned by ``mapReadOnly(_:length:populate:)``.
  static func unmap(_ address: UnsafeRawPointer, length: Int) {
    _ = munmap(UnsafeMutableRawPointer(mutating: address), length)
  }

  static func retrying(_ operation: String, _ path: String, _ body: () -> Int32)
    throws(SystemError) -> Int32
  {
    while true {
      let result = body()
      if result >= 0 { return result }
      let code = errno
      if code == EINTR { continue }
      throw SystemError(code: code, operation: operation, path: path)
    }
  }

  /// How a file is opened.
  enum OpenAccess {
    case readOnly, writeOnly, readWrite, directory
  }

  /// What a directory entry is.
  enum EntryKind {
    case file, directory, symbolicLink, other
  }
}

/// An open file descriptor; the owner closes it.
struct FileDescriptor: Sendable {
  /// The kernel's descriptor number.
  let rawValue: Int32
  /// The path it was opened with, for error messages.
  let path: String

  /// Closes the descriptor; the corresponding C function is `close`.
  func close() {
    CrashRecorder.record(path) { .close(descriptor: rawValue) }
    _ = Glibc.close(rawValue)
  }

  /// The file's current size in bytes; the corresponding C function is `fstat`.
  func size() throws(SystemError) -> Int {
    var info = stat()
    _ = try System.retrying("fstat", path) { fstat(rawValue, &info) }
    return Int(info.st_size)
  }

  /// Writes all of `bytes` at the current offset, looping over short writes.
  func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
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

extension System {
  /// The number of processors online; the corresponding C function is `sysconf`.
  static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension System {
  /// Seconds since the Unix epoch, from the real-time clock; the corresponding C function is
  /// `clock_gettime`.
  static var wallClockSeconds: Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec)
  }
}
