// The engine's system-call layer: the one place that calls the operating system.
//
// Every call retries EINTR, turns errno into a `SystemError` naming the call and the path, and
// passes through `FaultInjection` in debug builds so tests can force ENOSPC, EIO or a short
// write at a chosen call; calls that change or flush files are also reported to
// `CrashRecorder`, which logs them for crash-point tests when one is started. The layer is
// three files: this one (paths and mappings), `FileDescriptor.swift` (calls on an open
// descriptor) and `System+Process.swift` (the process: processors, clock, signals). Nothing
// else in the project imports the C library but `ReadWriteLock.swift` (a pthread lock, no
// I/O), the memory functions of `Operations/IO/InputBuffer.swift`, and the console's terminal
// layer, which speaks to curses and the tty. `Operations` reaches these calls through
// `package` access.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEngineSupport
import Dispatch

/// Thin, typed wrappers over the POSIX calls the storage layer needs.
package enum System {
  static let errnoNoSpace = ENOSPC
  static let errnoQuota = EDQUOT
  static let errnoWouldBlock = EWOULDBLOCK
  static let errnoNotFound = ENOENT
  static let errnoExists = EEXIST
  static let errnoIO = EIO
  package static let errnoIsDirectory = EISDIR

  /// The C library's text for `errno`.
  package static func describe(errno code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }

  /// The process id.
  static var processID: Int32 { getpid() }

  /// Opens `path`; the corresponding C function is `open`.
  package static func open(
    _ path: String, _ access: OpenAccess, create: Bool = false, exclusive: Bool = false, truncate: Bool = false,
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
    if truncate { flags |= O_TRUNC }
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
  package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

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
  package enum OpenAccess {
    case readOnly, writeOnly, readWrite, directory
  }

  /// What a directory entry is.
  enum EntryKind {
    case file, directory, symbolicLink, other
  }
}
