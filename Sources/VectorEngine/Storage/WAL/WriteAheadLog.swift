// The write-ahead log of one collection.
//
// Files: `wal-<first sequence, 20 digits>.log` in the collection directory. Each file starts
// with a 32-byte header:
//
//   0  magic "RGOPSWAL"   8  u32 version (1)   12  u32 seed   16  u64 first sequence
//   24 u32 reserved       28 u32 CRC-32C of bytes 0..<28
//
// then records, each 8-byte aligned:
//
//   u32 body length | u32 CRC-32C(seed: file seed, length ++ body) | body | zero pad to 8
//   body = u64 sequence | operation (CollectionOperation encoding)
//
// Invariants:
//   - sequences are consecutive across records and files; the first file starts at or before
//     the manifest's `walStart`, each later file starts right after its predecessor's last;
//   - a record is acknowledged only after the write and an fsync that covers it returned;
//     an fsync covers every record written before it started, so writers waiting at once
//     share one (group commit), and a rotation fsyncs the file it leaves;
//   - only the newest file can end in a torn (incomplete) record; recovery truncates it. A bad
//     record followed by a valid one is corruption, never silently skipped;
//   - the random seed means a file's stale bytes from another file never validate;
//   - after a failed fsync the log refuses further writes (the page cache may have dropped the
//     data: PostgreSQL's fsync lesson); the process must restart and recover.

/// Appends operations durably and replays them after a restart.
///
/// Thread safety: ``write(_:)``, ``rotate()`` and ``removeFiles(before:)`` are called by one
/// writer at a time (the collection's writers lock); ``sync(before:)`` may run on any thread
/// beside them: it shares only `durability` (taken by a sync and a rotation) and
/// `writtenBefore` (an atomic) with the writer.
import Model
import Synchronization

final class WriteAheadLog: @unchecked Sendable {
  static let magic: [UInt8] = Array("RGOPSWAL".utf8)
  static let headerSize = 32
  static let recordHeaderSize = 8
  /// The largest record accepted when reading (guards against absurd lengths).
  static let maximumRecordSize = 1 << 30

  let directory: String
  private var descriptor: FileDescriptor
  private var seed: UInt32
  private(set) var fileStart: UInt64
  private var endOffset: Int
  /// The sequence the next record gets.
  private(set) var nextSequence: UInt64
  /// What syncs share: every sequence below `durableBefore` is on disk; `failure` is set
  /// after a failed fsync or a failed rollback (no more writes until restart). Held during an
  /// fsync, so writers that wait for it find their records covered by the one before them.
  private let durability: Mutex<(durableBefore: UInt64, failure: StoreError?)>
  /// ``nextSequence`` as of the last completed write, for a sync on another thread.
  private let writtenBefore: Atomic<UInt64>

  /// Bytes of the file appended to (older files last only until the next seal removes them).
  var byteCount: Int { endOffset }

  /// Whether `durability` holds a failure: read by a write without waiting for an fsync in
  /// progress on another thread.
  private let hasFailed = Atomic<Bool>(false)

  /// Set after a failed fsync or a failed rollback: no more writes until restart.
  var failure: StoreError? {
    guard hasFailed.load(ordering: .acquiring) else { return nil }
    return durability.withLock { $0.failure }
  }

  init(
    directory: String, descriptor: FileDescriptor, seed: UInt32, fileStart: UInt64,
    endOffset: Int, nextSequence: UInt64
  ) {
    self.directory = directory
    self.descriptor = descriptor
    self.seed = seed
    self.fileStart = fileStart
    self.endOffset = endOffset
    self.nextSequence = nextSequence
    durability = Mutex((durableBefore: nextSequence, failure: nil))
    writtenBefore = Atomic(nextSequence)
  }

  deinit {
    descriptor.close()
  }

  static func fileName(startingAt sequence: UInt64) -> String {
    let digits = String(sequence)
    return "wal-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".log"
  }

  static func startSequence(ofFile name: String) -> UInt64? {
    guard name.hasPrefix("wal-"), name.hasSuffix(".log") else { return nil }
    return UInt64(name.dropFirst(4).dropLast(4))
  }

  // MARK: Writing

  /// Appends `operations` as consecutive records and fsyncs once: ``write(_:)`` then
  /// ``sync(before:)``.
  ///
  /// - Returns: the sequence of the first record.
  /// - Throws: ``StoreError``: `diskFull`/`io` with nothing logged, or `readOnly` after an
  ///   earlier fsync failure.
  func append(_ operations: [CollectionOperation]) throws(StoreError) -> UInt64 {
    let first = try write(operations)
    try sync(before: nextSequence)
    return first
  }

  /// Writes `operations` as consecutive records without waiting for the disk; nothing is
  /// acknowledged until ``sync(before:)`` returns.
  ///
  /// - Returns: the sequence of the first record.
  /// - Throws: ``StoreError``: `diskFull`/`io` with nothing logged (the partial bytes are cut
  ///   off), or `readOnly` after an earlier failure.
  func write(_ operations: [CollectionOperation]) throws(StoreError) -> UInt64 {
    if let failure { throw failure }
    let first = nextSequence
    var writer = ByteWriter(capacity: 1 << 16)
    for (index, operation) in operations.enumerated() {
      let start = writer.count
      writer.append(UInt32(0))  // length, patched below
      writer.append(UInt32(0))  // crc, patched below
      writer.append(first + UInt64(index))
      operation.encode(into: &writer)
      let length = writer.count - start - Self.recordHeaderSize
      writer.set(UInt32(length), at: start)
      let crc = writer.bytes.withUnsafeBytes { raw -> UInt32 in
        let lengthCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<start + 4]), seed: seed)
        return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(start + 8)..<writer.count]), seed: lengthCRC)
      }
      writer.set(crc, at: start + 4)
      writer.pad(to: 8)
    }
    do {
      try descriptor.writeAll(writer.bytes)
    } catch {
      // Nothing is acknowledged; cut the partial bytes so the next append starts clean.
      do {
        try descriptor.truncate(to: endOffset)
        _ = try descriptor.seekToEnd()
      } catch let rollback {
        let failure = StoreError(
          .readOnly,
          "the write-ahead log could not be rolled back after a failed write (\(rollback)); restart to recover")
        durability.withLock { $0.failure = failure }
        hasFailed.store(true, ordering: .releasing)
      }
      throw StoreError.from(error)
    }
    endOffset += writer.count
    nextSequence = first + UInt64(operations.count)
    writtenBefore.store(nextSequence, ordering: .releasing)
    return first
  }

  /// Makes every record below `sequence` durable: returns at once when an earlier fsync
  /// covered them, and otherwise fsyncs everything written so far, for every writer waiting.
  /// After a failure the log refuses every later write and sync: what the page cache held may
  /// be gone.
  ///
  /// - Throws: ``StoreError`` naming the failure; `readOnly` after an earlier one.
  func sync(before sequence: UInt64) throws(StoreError) {
    try durability.withLock { (state) throws(StoreError) in
      if let failure = state.failure { throw failure }
      guard state.durableBefore < sequence else { return }
      let covered = writtenBefore.load(ordering: .acquiring)
      do {
        try descriptor.sync()
      } catch {
        state.failure = StoreError(
          .readOnly, "fsync of the write-ahead log failed (\(error)); writes are refused until restart")
        hasFailed.store(true, ordering: .releasing)
        throw StoreError.from(error).appending(" — writes are refused until restart")
      }
      state.durableBefore = max(state.durableBefore, covered)
    }
  }

  /// Makes every record written so far durable (see ``sync(before:)``).
  func sync() throws(StoreError) {
    try sync(before: writtenBefore.load(ordering: .acquiring))
  }

  /// Starts a new log file at ``nextSequence`` and makes it the one appended to, after an
  /// fsync of the file it leaves (a writer may still wait for its records there).
  ///
  /// Older files stay until ``removeFiles(before:)`` once the manifest covers them.
  func rotate() throws(StoreError) {
    try sync()
    try durability.withLock { (state) throws(StoreError) in
      if let failure = state.failure { throw failure }
      do {
        let created = try Self.createFile(in: directory, startingAt: nextSequence)
        descriptor.close()
        descriptor = created.descriptor
        seed = created.seed
        fileStart = nextSequence
        endOffset = Self.headerSize
      } catch {
        throw StoreError.from(error)
      }
    }
  }

  /// Deletes log files that hold only sequences below `sequence`.
  func removeFiles(before sequence: UInt64) throws(StoreError) {
    do {
      let starts = try System.listDirectory(directory).compactMap(Self.startSequence(ofFile:)).sorted()
      for (index, start) in starts.enumerated() {
        let nextStart = index + 1 < starts.count ? starts[index + 1] : nil
        if let nextStart, nextStart <= sequence, start != fileStart {
          try System.removeFile(directory + "/" + Self.fileName(startingAt: start))
        }
      }
      try System.syncDirectory(directory)
    } catch {
      throw StoreError.from(error)
    }
  }

  static func createFile(in directory: String, startingAt sequence: UInt64)
    throws(SystemError) -> (descriptor: FileDescriptor, seed: UInt32)
  {
    let seed = System.randomUInt32()
    var header = ByteWriter(capacity: headerSize)
    header.append(contentsOf: magic)
    header.append(UInt32(1))
    header.append(seed)
    header.append(sequence)
    header.append(UInt32(0))
    header.append(header.checksum(0..<28))
    let name = fileName(startingAt: sequence)
    try DurableFile.publish(header.bytes, as: name, in: directory)
    let descriptor = try System.open(directory + "/" + name, .writeOnly)
    _ = try descriptor.seekToEnd()
    return (descriptor, seed)
  }
}

extension StoreError {
  func appending(_ text: String) -> StoreError {
    StoreError(kind, message + text)
  }
}
