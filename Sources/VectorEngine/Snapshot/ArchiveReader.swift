// Front-to-back reading of a snapshot archive for `SnapshotArchive`'s scan: every length
// checked against the file size before use, every byte fed to the whole-archive SHA-256.

/// Reads an archive front to back, bounds-checking every length and hashing every byte.
struct ArchiveReader {
  let descriptor: FileDescriptor
  let archive: String
  let fileSize: Int
  private(set) var offset = 0
  /// The whole archive's SHA-256; its buffers are also the reader's.
  private let archiveHasher: BackgroundHasher

  /// Starts at the front of `descriptor`; `backgroundHashing` chooses the thread for the
  /// archive's digest (`nil`: a second thread for large archives).
  init(descriptor: FileDescriptor, archive: String, backgroundHashing: Bool?) throws(SnapshotError) {
    self.descriptor = descriptor
    self.archive = archive
    do {
      fileSize = try descriptor.size()
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    archiveHasher = BackgroundHasher(
      bufferSize: min(SnapshotArchive.chunkSize, max(fileSize, TarWriter.blockSize)),
      count: SnapshotArchive.bufferCount,
      background: backgroundHashing ?? (fileSize >= SnapshotArchive.backgroundHashingThreshold))
    descriptor.adviseSequentialReading()
  }

  /// The next entry's header, or `nil` at a valid end of archive (after checking the rest
  /// of the file is zero blocks).
  mutating func nextHeader() throws(SnapshotError) -> SnapshotArchive.EntryHeader? {
    let blockSize = TarWriter.blockSize
    guard fileSize - offset >= blockSize else {
      throw SnapshotError(
        .truncated, archive: archive,
        "the archive ends at offset \(fileSize) without the end-of-archive blocks")
    }
    let headerOffset = offset
    let block = Array(try read(blockSize))
    if block.allSatisfy({ $0 == 0 }) {
      try readEnd()
      return nil
    }
    return try SnapshotArchive.parseHeader(block, archive: archive, offset: headerOffset)
  }

  /// Reads an entry's `size` bytes and padding, passing the bytes to `body` in chunks.
  mutating func readBody(
    name: String, size: Int, _ body: (UnsafeRawBufferPointer) throws(SnapshotError) -> Void
  ) throws(SnapshotError) {
    let blockSize = TarWriter.blockSize
    let available = fileSize - offset
    let padding = (blockSize - size % blockSize) % blockSize
    guard size <= available, padding <= available - size else {
      throw SnapshotError(
        .truncated, archive: archive, entry: name,
        "size \(size) at offset \(offset) runs past the end of the archive (\(fileSize) bytes)")
    }
    var remaining = size
    while remaining > 0 {
      let chunk = try read(min(remaining, archiveHasher.bufferSize))
      try body(chunk)
      remaining -= chunk.count
    }
    if padding > 0 { _ = try read(padding) }
  }

  /// Checks that everything after the first zero block is zero blocks, at least one more.
  private mutating func readEnd() throws(SnapshotError) {
    let blockSize = TarWriter.blockSize
    let rest = fileSize - offset
    guard rest >= blockSize else {
      throw SnapshotError(
        .truncated, archive: archive, "the second end-of-archive block is cut short")
    }
    var remaining = rest
    while remaining > 0 {
      let start = offset
      let chunk = try read(min(remaining, archiveHasher.bufferSize))
      if let nonZero = chunk.firstIndex(where: { $0 != 0 }) {
        throw SnapshotError(
          .trailingGarbage, archive: archive,
          "non-zero bytes at offset \(start + nonZero) after the end of the archive")
      }
      remaining -= chunk.count
    }
    guard rest % blockSize == 0 else {
      throw SnapshotError(.truncated, archive: archive, "the archive ends inside a block")
    }
  }

  /// The archive's SHA-256 over every byte read.
  mutating func finish() -> [UInt8] {
    archiveHasher.endStream()
    return archiveHasher.digests().last ?? []
  }

  /// Reads the next `count` bytes (at most the buffer size) and hands them to the archive's
  /// hasher; the bytes stay valid until the next call.
  private mutating func read(_ count: Int) throws(SnapshotError) -> UnsafeRawBufferPointer {
    let buffer = UnsafeMutableRawBufferPointer(rebasing: archiveHasher.nextBuffer()[0..<count])
    let got: Int
    do {
      got = try descriptor.read(into: buffer, at: offset)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    guard got == count else {
      throw SnapshotError(.truncated, archive: archive, "the archive shrank while being read")
    }
    archiveHasher.hash(count)
    offset += count
    return UnsafeRawBufferPointer(buffer)
  }
}
