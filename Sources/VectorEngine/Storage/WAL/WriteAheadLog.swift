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
//   - a record is acknowledged only after the write and the fsync that cover it returned;
//   - only the newest file can end in a torn (incomplete) record; recovery truncates it. A bad
//     record followed by a valid one is corruption, never silently skipped;
//   - the random seed means a file's stale bytes from another file never validate;
//   - after a failed fsync the log refuses further writes (the page cache may have dropped the
//     data: PostgreSQL's fsync lesson); the process must restart and recover.

/// Appends operations durably and replays them after a restart.
final class WriteAheadLog {
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
  /// Set after a failed fsync or a failed rollback: no more writes until restart.
  private(set) var failure: EngineError?

  private init(directory: String, descriptor: FileDescriptor, seed: UInt32, fileStart: UInt64,
               endOffset: Int, nextSequence: UInt64) {
    self.directory = directory
    self.descriptor = descriptor
    self.seed = seed
    self.fileStart = fileStart
    self.endOffset = endOffset
    self.nextSequence = nextSequence
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

  /// Appends `operations` as consecutive records and fsyncs once (group commit).
  ///
  /// - Returns: the sequence of the first record.
  /// - Throws: ``EngineError``: `diskFull`/`io` with nothing logged, or `readOnly` after an
  ///   earlier fsync failure.
  func append(_ operations: [CollectionOperation]) throws(EngineError) -> UInt64 {
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
        failure = EngineError(.readOnly, "the write-ahead log could not be rolled back after a failed write (\(rollback)); restart to recover")
      }
      throw EngineError.from(error)
    }
    do {
      try descriptor.sync()
    } catch {
      let failed = EngineError(.readOnly, "fsync of the write-ahead log failed (\(error)); writes are refused until restart")
      failure = failed
      throw EngineError.from(error).appending(" — writes are refused until restart")
    }
    endOffset += writer.count
    nextSequence = first + UInt64(operations.count)
    return first
  }

  /// Starts a new log file at ``nextSequence`` and makes it the one appended to.
  ///
  /// Older files stay until ``removeFiles(before:)`` once the manifest covers them.
  func rotate() throws(EngineError) {
    if let failure { throw failure }
    do {
      let created = try Self.createFile(in: directory, startingAt: nextSequence)
      descriptor.close()
      descriptor = created.descriptor
      seed = created.seed
      fileStart = nextSequence
      endOffset = Self.headerSize
    } catch {
      throw EngineError.from(error)
    }
  }

  /// Deletes log files that hold only sequences below `sequence`.
  func removeFiles(before sequence: UInt64) throws(EngineError) {
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
      throw EngineError.from(error)
    }
  }

  private static func createFile(in directory: String, startingAt sequence: UInt64)
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

  // MARK: Recovery

  /// What recovery found: the operations to replay and anything repaired.
  struct Recovery {
    var operations: [(sequence: UInt64, operation: CollectionOperation)] = []
    var notes: [String] = []
  }

  /// Reads every log file in `directory`, returning the operations at or after `start`.
  ///
  /// With `repair`, a torn tail of the newest file is truncated and a log is opened for
  /// appending; without it nothing on disk changes and `log` is `nil`.
  ///
  /// - Complexity: O(n) in the size of the log files.
  /// - Throws: ``EngineError`` `corrupted` for damage that is not a torn tail.
  static func recover(directory: String, from start: UInt64, repair: Bool)
    throws(EngineError) -> (log: WriteAheadLog?, recovery: Recovery)
  {
    var recovery = Recovery()
    do {
      let starts = try System.listDirectory(directory).compactMap(startSequence(ofFile:)).sorted()
      var expected = start
      var lastFile: (start: UInt64, seed: UInt32, end: Int, nextSequence: UInt64)?
      for (index, fileStart) in starts.enumerated() {
        let isLast = index == starts.count - 1
        if !isLast && starts[index + 1] <= start { continue }  // wholly before the manifest's start
        let path = directory + "/" + fileName(startingAt: fileStart)
        guard fileStart <= expected else {
          throw corruption(path, "the log starts at record \(fileStart) but record \(expected) is missing")
        }
        let scan = try scanFile(path: path, fileStart: fileStart, from: start, isLast: isLast)
        if let torn = scan.tornAt {
          if repair {
            let descriptor = try System.open(path, .writeOnly)
            defer { descriptor.close() }
            try descriptor.truncate(to: torn)
            try descriptor.sync()
          }
          if torn < scan.size {
            recovery.notes.append("\(path): dropped \(scan.size - torn) bytes of an incomplete record at the end (a write interrupted by a crash; it was never acknowledged)")
          }
        }
        for entry in scan.operations {
          guard entry.sequence == expected else {
            throw corruption(path, "record \(expected) is missing")
          }
          recovery.operations.append(entry)
          expected += 1
        }
        let fileNext = scan.lastSequence.map { $0 + 1 } ?? fileStart
        expected = max(expected, fileNext)
        lastFile = (fileStart, scan.seed, scan.tornAt ?? scan.size, fileNext)
      }
      guard repair else { return (nil, recovery) }
      if let lastFile, lastFile.end >= headerSize, lastFile.nextSequence == expected {
        let path = directory + "/" + fileName(startingAt: lastFile.start)
        let descriptor = try System.open(path, .writeOnly)
        let end = try descriptor.seekToEnd()
        let log = WriteAheadLog(
          directory: directory, descriptor: descriptor, seed: lastFile.seed, fileStart: lastFile.start,
          endOffset: end, nextSequence: expected)
        return (log, recovery)
      }
      let created = try createFile(in: directory, startingAt: expected)
      let log = WriteAheadLog(
        directory: directory, descriptor: created.descriptor, seed: created.seed, fileStart: expected,
        endOffset: headerSize, nextSequence: expected)
      return (log, recovery)
    } catch let error as SystemError {
      throw EngineError.from(error)
    } catch let error as EngineError {
      throw error
    } catch let error as StorageCorruption {
      throw EngineError.from(error)
    } catch {
      throw EngineError(.io, "\(error)")
    }
  }

  private struct FileScan {
    var seed: UInt32 = 0
    var size = 0
    var operations: [(sequence: UInt64, operation: CollectionOperation)] = []
    var lastSequence: UInt64?
    var tornAt: Int?
  }

  private static func scanFile(path: String, fileStart: UInt64, from start: UInt64, isLast: Bool)
    throws -> FileScan
  {
    let descriptor = try System.open(path, .readOnly)
    defer { descriptor.close() }
    let bytes = try descriptor.readAll()
    var scan = FileScan()
    scan.size = bytes.count
    try bytes.withUnsafeBytes { (raw) throws in
      guard raw.count >= headerSize else {
        // A header that never finished being written: only possible for the newest file.
        guard isLast else { throw corruption(path, "file is shorter than its header") }
        scan.tornAt = 0
        return
      }
      var header = ByteReader(raw, context: path)
      let magicOK = Array(try header.readBytes(8)) == magic
      let version = try header.readUInt32()
      scan.seed = try header.readUInt32()
      let headerStart = try header.readUInt64()
      _ = try header.readUInt32()
      let headerCRC = try header.readUInt32()
      guard magicOK, CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<28])) == headerCRC else {
        throw corruption(path, "header is damaged (bad magic or checksum)")
      }
      guard version == 1 else { throw corruption(path, "unsupported log version \(version)") }
      guard headerStart == fileStart else { throw corruption(path, "header names record \(headerStart), file name \(fileStart)") }
      var offset = headerSize
      var expected = fileStart
      while offset < raw.count {
        if let record = validRecord(in: raw, at: offset, seed: scan.seed, expected: expected) {
          if record.sequence >= start {
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[record.bodyStart..<record.bodyEnd]), context: "\(path) record \(record.sequence)")
            _ = try reader.readUInt64()
            scan.operations.append((record.sequence, try CollectionOperation.decode(from: &reader)))
          }
          scan.lastSequence = record.sequence
          expected = record.sequence + 1
          offset = record.paddedEnd
          if record.paddedEnd > raw.count {
            // A complete record whose zero padding was cut: restore the padding so the next
            // record starts aligned.
            scan.tornAt = record.paddedEnd
          }
          continue
        }
        // A bad record: a torn tail if nothing valid follows, otherwise corruption.
        if laterRecordExists(in: raw, after: offset, seed: scan.seed, sequenceAbove: expected) {
          throw corruption(path, "record \(expected) at byte \(offset) is damaged and later records exist")
        }
        guard isLast else { throw corruption(path, "record \(expected) at byte \(offset) is damaged") }
        scan.tornAt = offset
        break
      }
    }
    return scan
  }

  private struct RecordBounds {
    var sequence: UInt64
    var bodyStart: Int
    var bodyEnd: Int
    var next: Int
    var paddedEnd: Int
  }

  private static func validRecord(in raw: UnsafeRawBufferPointer, at offset: Int, seed: UInt32,
                                  expected: UInt64?) -> RecordBounds? {
    guard raw.count - offset >= recordHeaderSize + 8 else { return nil }
    let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
    guard length >= 8, length <= maximumRecordSize, length <= raw.count - offset - recordHeaderSize else {
      return nil
    }
    let bodyStart = offset + recordHeaderSize
    let bodyEnd = bodyStart + length
    let sequence = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bodyStart, as: UInt64.self))
    if let expected, sequence != expected { return nil }
    let lengthCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 4]), seed: seed)
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[bodyStart..<bodyEnd]), seed: lengthCRC) == crc else {
      return nil
    }
    let next = (bodyEnd + 7) & ~7
    return RecordBounds(sequence: sequence, bodyStart: bodyStart, bodyEnd: bodyEnd, next: min(next, raw.count), paddedEnd: next)
  }

  private static func laterRecordExists(in raw: UnsafeRawBufferPointer, after offset: Int, seed: UInt32,
                                        sequenceAbove expected: UInt64) -> Bool {
    var candidate = offset + 8
    while candidate + recordHeaderSize + 8 <= raw.count {
      let sequence = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: candidate + recordHeaderSize, as: UInt64.self))
      // Cheap plausibility test before the checksum: a later record has a nearby later sequence.
      if sequence >= expected, sequence - expected < 1 << 32,
        validRecord(in: raw, at: candidate, seed: seed, expected: nil) != nil
      {
        return true
      }
      candidate += 8
    }
    return false
  }

  private static func corruption(_ path: String, _ detail: String) -> EngineError {
    EngineError(.corrupted, "corrupt data: \(path): \(detail)")
  }
}

extension EngineError {
  func appending(_ text: String) -> EngineError {
    EngineError(kind, message + text)
  }
}
