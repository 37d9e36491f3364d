// Recovery of the write-ahead log: which bytes may be dropped, and which are damage.
//
// Only an interrupted append may be dropped, and an interrupted append leaves one of three
// shapes at the end of the newest file: fewer bytes than a record header; a record whose
// length runs past the end of the file (a prefix of the write); or zeros (blocks allocated
// but never written). Anything else that fails to validate is damage: a complete record
// whose checksum fails (a flipped bit), a length field that is damaged while the record is
// complete, a bad record before valid ones, a missing or headerless file (files are
// published whole, so neither happens by accident), a gap between files. Damage is never
// repaired silently: nothing is truncated, a writable open is refused with a
// ``LogDamage`` description, a read-only open replays the intact records before it, and
// ``WriteAheadLog/setAsideDamage(directory:from:)`` moves the damaged files aside (kept, not
// deleted) when the operator chooses to go on without them.

import Model

extension WriteAheadLog {
  /// A recovered operation and where it was read.
  struct RecoveredOperation {
    var sequence: UInt64
    var operation: CollectionOperation
    /// The log file it came from.
    var path: String
    /// The byte offset of its record in that file.
    var offset: Int
  }

  /// What recovery found: the intact operations to replay, anything repaired, any damage.
  struct Recovery {
    /// Operations at or after the requested start, in order, up to the first damage.
    var operations: [RecoveredOperation] = []
    /// Sentences about what was repaired (a dropped torn tail).
    var notes: [String] = []
    /// The first damage found; nothing after it was read.
    var damage: LogDamage?
  }

  /// Reads every log file in `directory`, returning the operations at or after `start`.
  ///
  /// With `repair`, a torn tail of the newest file is truncated and a log is opened for
  /// appending; damage then throws, and nothing on disk changes. Without `repair` nothing on
  /// disk changes, `log` is `nil`, and damage is reported in the result with the intact
  /// operations before it.
  ///
  /// - Parameter allowMissing: a directory without any log file is new (just created or
  ///   restored from a snapshot) rather than damaged; with `repair` a log is created.
  /// - Complexity: O(n) in the size of the log files.
  /// - Throws: ``StoreError``: `corrupted` for damage when repairing (``LogDamage``), `io`.
  static func recover(directory: String, from start: UInt64, repair: Bool, allowMissing: Bool = false)
    throws(StoreError) -> (log: WriteAheadLog?, recovery: Recovery)
  {
    var recovery = Recovery()
    do {
      let starts = try System.listDirectory(directory).compactMap(startSequence(ofFile:)).sorted()
      if starts.isEmpty && !allowMissing {
        recovery.damage = LogDamage(
          path: directory + "/" + fileName(startingAt: start), sequence: start, offset: nil,
          problem: "the write-ahead log is missing (records from \(start) on may be lost)")
      }
      var expected = start
      var lastFile: (start: UInt64, seed: UInt32, end: Int, nextSequence: UInt64)?
      for (index, fileStart) in starts.enumerated() where recovery.damage == nil {
        let isLast = index == starts.count - 1
        if !isLast && starts[index + 1] <= start { continue }  // wholly before the manifest's start
        let path = directory + "/" + fileName(startingAt: fileStart)
        guard fileStart <= expected else {
          recovery.damage = LogDamage(
            path: path, sequence: expected, offset: nil,
            problem: "the log continues at record \(fileStart), but records from \(expected) are missing")
          break
        }
        let scan = try scanFile(path: path, fileStart: fileStart, from: start, isLast: isLast)
        for entry in scan.operations where recovery.damage == nil {
          guard entry.sequence == expected else {
            recovery.damage = LogDamage(
              path: path, sequence: expected, offset: entry.offset, problem: "record \(expected) is missing")
            break
          }
          recovery.operations.append(entry)
          expected += 1
        }
        if recovery.damage == nil, let damage = scan.damage {
          recovery.damage = damage
        }
        guard recovery.damage == nil else { break }
        if let torn = scan.tornAt {
          if repair {
            let descriptor = try System.open(path, .writeOnly)
            defer { descriptor.close() }
            try descriptor.truncate(to: torn)
            try descriptor.sync()
          }
          if torn < scan.size {
            recovery.notes.append(
              "\(path): dropped \(scan.size - torn) bytes of an incomplete record at the end (a write interrupted by a crash; it was never acknowledged)"
            )
          }
        }
        let fileNext = scan.lastSequence.map { $0 + 1 } ?? fileStart
        expected = max(expected, fileNext)
        lastFile = (fileStart, scan.seed, scan.tornAt ?? scan.size, fileNext)
      }
      if let damage = recovery.damage {
        if repair { throw damage.refusal(intactRecords: recovery.operations.count) }
        recovery.notes.append(damage.readOnlyNote(intactRecords: recovery.operations.count))
        return (nil, recovery)
      }
      guard repair else { return (nil, recovery) }
      if let lastFile, lastFile.nextSequence == expected {
        let path = directory + "/" + fileName(startingAt: lastFile.start)
        let descriptor = try System.open(path, .writeOnly)
        let end = try descriptor.seekToEnd()
        let log = WriteAheadLog(
          directory: directory, descriptor: descriptor, seed: lastFile.seed, fileStart: lastFile.start,
          endOffset: end, nextSequence: expected)
        return (log, recovery)
      }
      return (try create(in: directory, startingAt: expected), recovery)
    } catch let error as SystemError {
      throw StoreError.from(error)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(.io, "\(error)")
    }
  }

  /// Creates the first log file of a collection directory, starting at `sequence`.
  static func create(in directory: String, startingAt sequence: UInt64) throws(SystemError) -> WriteAheadLog {
    let created = try createFile(in: directory, startingAt: sequence)
    return WriteAheadLog(
      directory: directory, descriptor: created.descriptor, seed: created.seed, fileStart: sequence,
      endOffset: headerSize, nextSequence: sequence)
  }

  /// Moves the damaged part of the log aside so the collection can be opened for writing
  /// without it: the damaged file becomes `<name>.damaged-<n>` (kept, never read again) and a
  /// copy of its intact prefix takes its place; later files are moved aside the same way.
  /// A missing log is replaced by an empty one starting at `start`.
  ///
  /// - Parameter damage: the damage to set aside (from recovery, or an operation that failed
  ///   validation during replay); `nil` finds it by recovering read-only.
  /// - Returns: the files moved aside, or `[]` when the log has no damage.
  /// - Complexity: O(size of the log files).
  static func setAsideDamage(directory: String, from start: UInt64, damage known: LogDamage? = nil)
    throws(StoreError) -> [String]
  {
    let damage: LogDamage
    if let known {
      damage = known
    } else {
      guard let found = try recover(directory: directory, from: start, repair: false).recovery.damage else { return [] }
      damage = found
    }
    do {
      let names = try System.listDirectory(directory)
      let starts = names.compactMap(startSequence(ofFile:)).sorted()
      let damagedName = SnapshotArchive.split(damage.path).name
      guard let damagedStart = startSequence(ofFile: damagedName), starts.contains(damagedStart) else {
        // The log is missing: start an empty one where the manifest expects it.
        _ = try create(in: directory, startingAt: damage.sequence)
        return []
      }
      var movedAside: [String] = []
      for fileStart in starts where fileStart >= damagedStart {
        let name = fileName(startingAt: fileStart)
        var aside = name + ".damaged-1"
        var attempt = 1
        while names.contains(aside) {
          attempt += 1
          aside = name + ".damaged-\(attempt)"
        }
        if fileStart == damagedStart, let offset = damage.offset, offset >= headerSize {
          // Keep the intact records before the damage in a file of the same name.
          let descriptor = try System.open(directory + "/" + name, .readOnly)
          let bytes = try descriptor.readAll()
          descriptor.close()
          try System.rename(directory + "/" + name, to: directory + "/" + aside)
          try DurableFile.publish(Array(bytes.prefix(offset)), as: name, in: directory)
        } else {
          try System.rename(directory + "/" + name, to: directory + "/" + aside)
        }
        movedAside.append(aside)
      }
      try System.syncDirectory(directory)
      if try System.listDirectory(directory).compactMap(startSequence(ofFile:)).isEmpty {
        _ = try create(in: directory, startingAt: damage.sequence)
      }
      return movedAside
    } catch {
      throw StoreError.from(error)
    }
  }

  private struct FileScan {
    var seed: UInt32 = 0
    var size = 0
    var operations: [RecoveredOperation] = []
    var lastSequence: UInt64?
    var tornAt: Int?
    var damage: LogDamage?
  }

  private static func scanFile(path: String, fileStart: UInt64, from start: UInt64, isLast: Bool)
    throws(SystemError) -> FileScan
  {
    let descriptor = try System.open(path, .readOnly)
    defer { descriptor.close() }
    let bytes = try descriptor.readAll()
    var scan = FileScan()
    scan.size = bytes.count
    bytes.withUnsafeBytes { raw in
      func damage(_ sequence: UInt64, _ offset: Int?, _ problem: String) {
        scan.damage = LogDamage(path: path, sequence: sequence, offset: offset, problem: problem)
      }
      guard raw.count >= headerSize else {
        // Log files are published whole (temporary file, fsync, rename): a short one is damage.
        return damage(fileStart, nil, "the file is shorter than its header (\(raw.count) bytes)")
      }
      let magicOK = Array(UnsafeRawBufferPointer(rebasing: raw[0..<8])) == magic
      let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
      scan.seed = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
      let headerStart = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
      let headerCRC = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
      guard magicOK, CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<28])) == headerCRC else {
        return damage(fileStart, nil, "the header is damaged (bad magic or checksum)")
      }
      guard version == 1 else { return damage(fileStart, nil, "unsupported log version \(version)") }
      guard headerStart == fileStart else {
        return damage(fileStart, nil, "the header names record \(headerStart), the file name \(fileStart)")
      }
      var offset = headerSize
      var expected = fileStart
      while offset < raw.count {
        if let record = validRecord(in: raw, at: offset, seed: scan.seed, expected: expected) {
          if record.sequence >= start {
            var reader = ByteReader(
              UnsafeRawBufferPointer(rebasing: raw[(record.bodyStart + 8)..<record.bodyEnd]), context: path)
            do throws(StorageCorruption) {
              let operation = try CollectionOperation.decode(from: &reader)
              scan.operations.append(
                RecoveredOperation(sequence: record.sequence, operation: operation, path: path, offset: offset))
            } catch {
              return damage(
                record.sequence, offset, "the record's checksum is valid but its operation is not (\(error.detail))")
            }
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
        if laterRecordExists(in: raw, after: offset, seed: scan.seed, sequenceAbove: expected) {
          return damage(expected, offset, "the record is damaged and later records exist")
        }
        guard isLast else { return damage(expected, offset, "the record is damaged") }
        if let problem = damageInsteadOfTornTail(in: raw, at: offset, seed: scan.seed, expected: expected) {
          return damage(expected, offset, problem)
        }
        scan.tornAt = offset
        break
      }
    }
    return scan
  }

  /// Why the invalid bytes at `offset` (the end of the newest file) are damage rather than an
  /// interrupted append, or `nil` when they have one of the shapes an interrupted append
  /// leaves (see the file header).
  private static func damageInsteadOfTornTail(
    in raw: UnsafeRawBufferPointer, at offset: Int, seed: UInt32, expected: UInt64
  ) -> String? {
    let remaining = raw.count - offset
    if UnsafeRawBufferPointer(rebasing: raw[offset...]).allSatisfy({ $0 == 0 }) { return nil }
    guard remaining >= recordHeaderSize + 8 else { return nil }
    let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    if length >= 8, length <= remaining - recordHeaderSize {
      return "the record is complete but does not validate (a damaged byte, not an interrupted write)"
    }
    // The length runs past the end: a prefix of an append, unless the bytes that are there
    // form a complete record under another length (the length field itself is damaged).
    let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
    for padding in 0..<8 {
      let candidate = remaining - recordHeaderSize - padding
      guard candidate >= 8 else { break }
      var encoded = UInt32(candidate).littleEndian
      let lengthCRC = withUnsafeBytes(of: &encoded) { CRC32C.checksum($0, seed: seed) }
      let body = UnsafeRawBufferPointer(
        rebasing: raw[(offset + recordHeaderSize)..<(offset + recordHeaderSize + candidate)])
      if CRC32C.checksum(body, seed: lengthCRC) == stored {
        return "the record is complete but its length field is damaged"
      }
    }
    return nil
  }

  private struct RecordBounds {
    var sequence: UInt64
    var bodyStart: Int
    var bodyEnd: Int
    var paddedEnd: Int
  }

  private static func validRecord(
    in raw: UnsafeRawBufferPointer, at offset: Int, seed: UInt32,
    expected: UInt64?
  ) -> RecordBounds? {
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
    return RecordBounds(sequence: sequence, bodyStart: bodyStart, bodyEnd: bodyEnd, paddedEnd: (bodyEnd + 7) & ~7)
  }

  private static func laterRecordExists(
    in raw: UnsafeRawBufferPointer, after offset: Int, seed: UInt32,
    sequenceAbove expected: UInt64
  ) -> Bool {
    var candidate = offset + 8
    while candidate + recordHeaderSize + 8 <= raw.count {
      let sequence = UInt64(
        littleEndian: raw.loadUnaligned(fromByteOffset: candidate + recordHeaderSize, as: UInt64.self))
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
}
