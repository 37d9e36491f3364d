// Snapshot archives: one POSIX ustar file whose first entry is `manifest.json`, followed by
// every file the manifest lists, in its order, then two zero blocks; plus a `<archive>.sha256`
// sidecar in `sha256sum` format holding the whole archive's SHA-256.
//
// Writing reads each source file twice: a first pass hashes it (the manifest, written first,
// needs every hash), a second pass streams it into the archive and hashes it again; a file
// that changed in between fails the snapshot with `sourceChanged`. The caller must hand over
// files that are not being modified (sealed segments, a frozen WAL copy). The archive, then
// the sidecar, are published with temp + fsync + rename + fsync(dir) (`DurableFile`).
//
// Reading treats every archive as hostile (backup-reliability rules §3.2): every header's
// checksum, magic, type and name are checked; every length is checked against the file size
// before it is used; the manifest must come first and list every later entry in order, with
// sizes and SHA-256; only zero blocks may follow the end; caps bound counts and sizes; the
// sidecar, when present, must match the whole archive. Errors name the archive, the entry
// (escaped, cut) and the problem, never file contents. Extraction verifies the whole archive
// before it creates anything, then re-verifies while it writes, and removes everything it
// created if any check fails.

/// Caps on what a snapshot reader accepts, so hostile archives cannot exhaust disk or memory.
struct SnapshotLimits: Hashable {
  /// The most entries an archive may have, the manifest included.
  var maximumEntries: Int
  /// The largest single file, in bytes.
  var maximumFileSize: Int
  /// The largest sum of all file sizes, in bytes.
  var maximumTotalSize: Int
  /// The largest `manifest.json`, in bytes; it is held in memory.
  var maximumManifestSize: Int

  /// 100,000 entries, 64 GiB per file, 1 TiB in total, a 16 MiB manifest.
  static let `default` = SnapshotLimits(
    maximumEntries: 100_000, maximumFileSize: 64 << 30, maximumTotalSize: 1 << 40,
    maximumManifestSize: 16 << 20)
}

extension SnapshotLimits: Sendable {}

/// Writes, verifies and extracts snapshot archives (see the file header for the format).
enum SnapshotArchive {
  /// The suffix of the sidecar file holding the archive's SHA-256.
  static let sidecarSuffix = ".sha256"
  /// The largest sidecar the reader accepts, in bytes.
  static let maximumSidecarSize = 4096
  private static let chunkSize = 1 << 20

  // MARK: - Writing

  /// Writes a snapshot archive of `files` to `path`, then its `<path>.sha256` sidecar.
  ///
  /// Each source file is read twice (hash pass, then copy pass; see the file header). Both
  /// files are published durably; `path` and the sidecar must not exist yet.
  ///
  /// - Parameters:
  ///   - path: Where the archive goes; its folder must exist.
  ///   - collection: The collection's name, stored in the manifest.
  ///   - created: The snapshot time, `YYYY-MM-DDTHH:MM:SSZ`; also every entry's mtime.
  ///   - config: A JSON object stored as the manifest's `config`.
  ///   - files: The entries in archive order: a safe relative name and the file to copy.
  /// - Returns: The archive's size in bytes and its SHA-256 in hexadecimal.
  /// - Complexity: O(total size of the files).
  /// - Throws: ``SnapshotError``: caller faults (`invalidName`, `invalidArgument`,
  ///   `destinationExists`, `sourceChanged`) or `io`.
  static func write(
    to path: String, collection: String, created: String, config: JSONValue,
    files: [(name: String, sourcePath: String)]
  ) throws(SnapshotError) -> (size: Int, sha256: String) {
    guard let modificationTime = SnapshotManifest.epochSeconds(created: created) else {
      throw SnapshotError(.invalidArgument, archive: path, "created is not YYYY-MM-DDTHH:MM:SSZ")
    }
    guard config.objectValue != nil else {
      throw SnapshotError(.invalidArgument, archive: path, "config must be a JSON object")
    }
    let limits = SnapshotLimits.default
    guard files.count < limits.maximumEntries else {
      throw SnapshotError(.invalidArgument, archive: path, "too many files (\(files.count))")
    }
    var seen: Set<String> = [SnapshotManifest.entryName]
    for file in files {
      if let problem = SnapshotManifest.nameProblem(file.name) {
        throw SnapshotError(.invalidName, archive: path, entry: file.name, "file name is \(problem)")
      }
      guard seen.insert(file.name).inserted else {
        throw SnapshotError(.invalidName, archive: path, entry: file.name, "name is used twice or reserved")
      }
    }
    let (directory, baseName) = split(path)
    do {
      for existing in [path, path + sidecarSuffix] where try System.kindOfEntry(existing) != nil {
        throw SnapshotError(.destinationExists, archive: path, "\(existing) already exists")
      }
    } catch let error as SystemError {
      throw SnapshotError(error, archive: path)
    } catch {
      throw SnapshotError.from(error, archive: path)
    }

    // Pass 1: sizes and hashes for the manifest.
    var entries: [SnapshotManifest.File] = []
    for file in files {
      let (size, digest) = try copy(file.sourcePath, archive: path, entry: file.name, into: nil)
      entries.append(SnapshotManifest.File(name: file.name, size: size, sha256: digest))
    }
    let manifest = SnapshotManifest(
      collection: collection, created: created, config: config, files: entries)
    let manifestBytes = manifest.encoded()
    guard manifestBytes.count <= limits.maximumManifestSize else {
      throw SnapshotError(.invalidArgument, archive: path, "the manifest would exceed its size cap")
    }

    // Pass 2: the archive itself.
    var failure: SnapshotError?
    var archiveDigest: [UInt8] = []
    var archiveSize = 0
    do throws(SystemError) {
      try DurableFile.publish(as: baseName, in: directory) { (descriptor) throws(SystemError) in
        do throws(SnapshotError) {
          var writer = TarWriter(output: descriptor, archive: path)
          try writer.beginFile(
            name: SnapshotManifest.entryName, size: manifestBytes.count,
            modificationTime: modificationTime)
          try writer.write(manifestBytes)
          try writer.endFile()
          for (file, entry) in zip(files, entries) {
            try writer.beginFile(name: entry.name, size: entry.size, modificationTime: modificationTime)
            let (_, digest) = try copy(file.sourcePath, archive: path, entry: entry.name, into: &writer)
            guard digest == entry.sha256 else {
              throw SnapshotError(
                .sourceChanged, archive: path, entry: entry.name,
                "the source file changed while the snapshot was written")
            }
            try writer.endFile()
          }
          archiveDigest = try writer.finish()
          archiveSize = writer.bytesWritten
        } catch {
          failure = error
          throw SystemError(code: System.errnoIO, operation: "snapshot write", path: path)
        }
      }
      let hex = SHA256Hasher.hex(archiveDigest)
      try DurableFile.publish(
        Array("\(hex)  \(baseName)\n".utf8), as: baseName + sidecarSuffix, in: directory)
      return (archiveSize, hex)
    } catch {
      if let failure { throw failure }
      throw SnapshotError(error, archive: path)
    }
  }

  /// Streams `source` through SHA-256 and, when `writer` is given, into the archive.
  private static func copy(
    _ source: String, archive: String, entry: String, into writer: UnsafeMutablePointer<TarWriter>?
  ) throws(SnapshotError) -> (size: Int, sha256: String) {
    do {
      let descriptor = try System.open(source, .readOnly)
      defer { descriptor.close() }
      let size = try descriptor.size()
      var hasher = SHA256Hasher()
      var buffer = [UInt8](repeating: 0, count: min(chunkSize, max(size, 1)))
      var offset = 0
      while offset < size {
        let want = min(buffer.count, size - offset)
        let got = try buffer.withUnsafeMutableBytes { raw in
          Result { () throws(SystemError) in
            try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]), at: offset)
          }
        }.get()
        guard got == want else {
          throw SnapshotError(.sourceChanged, archive: archive, entry: entry, "the source file shrank while being read")
        }
        try buffer.withUnsafeBytes { raw in
          Result { () throws(SnapshotError) in
            let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<want])
            hasher.update(chunk)
            try writer?.pointee.write(chunk)
          }
        }.get()
        offset += want
      }
      return (size, SHA256Hasher.hex(hasher.finalize()))
    } catch let error as SystemError {
      throw SnapshotError(error, archive: archive)
    } catch {
      throw SnapshotError.from(error, archive: archive)
    }
  }

  private static func copy(
    _ source: String, archive: String, entry: String, into writer: inout TarWriter
  ) throws(SnapshotError) -> (size: Int, sha256: String) {
    try withUnsafeMutablePointer(to: &writer) { pointer in
      Result { () throws(SnapshotError) in
        try copy(source, archive: archive, entry: entry, into: pointer)
      }
    }.get()
  }

  /// `("/a/b", "c.snapshot")` for `"/a/b/c.snapshot"`; `"."` when there is no folder.
  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  // MARK: - Reading

  /// Reads the whole archive and checks everything; returns its manifest.
  ///
  /// Checks every header, the manifest, every file's size and SHA-256, the end-of-archive
  /// blocks, and the `<path>.sha256` sidecar when it exists. Writes nothing.
  ///
  /// - Complexity: O(archive size).
  /// - Throws: ``SnapshotError`` naming the entry and the problem.
  static func verify(path: String, limits: SnapshotLimits = .default) throws(SnapshotError)
    -> SnapshotManifest
  {
    try scan(path: path, limits: limits, extractingInto: nil)
  }

  /// Verifies the archive, then extracts its files into `directory`, which must not exist.
  ///
  /// Creates `directory` (and any sub-folders) with mode 0700 and files with mode 0600,
  /// exclusively and without following links, fsyncs every file and folder, and re-verifies
  /// every byte while writing. On any error, removes everything it created.
  ///
  /// - Complexity: O(archive size); the archive is read twice.
  /// - Throws: ``SnapshotError``; `destinationExists` when `directory` exists.
  static func extract(path: String, into directory: String, limits: SnapshotLimits = .default)
    throws(SnapshotError) -> SnapshotManifest
  {
    do {
      if try System.kindOfEntry(directory) != nil {
        throw SnapshotError(.destinationExists, archive: path, "\(directory) already exists")
      }
    } catch let error as SystemError {
      throw SnapshotError(error, archive: path)
    } catch {
      throw SnapshotError.from(error, archive: path)
    }
    _ = try scan(path: path, limits: limits, extractingInto: nil)
    do {
      try System.makeDirectory(directory)
    } catch {
      if error.code == System.errnoExists {
        throw SnapshotError(.destinationExists, archive: path, "\(directory) already exists")
      }
      throw SnapshotError(error, archive: path)
    }
    do throws(SnapshotError) {
      let manifest = try scan(path: path, limits: limits, extractingInto: directory)
      do {
        try System.syncDirectory(split(directory).directory)
      } catch {
        throw SnapshotError(error, archive: path)
      }
      return manifest
    } catch {
      try? System.removeTree(directory)
      throw error
    }
  }

  /// One pass over the archive: checks everything and, with `target`, writes the files there.
  private static func scan(path: String, limits: SnapshotLimits, extractingInto target: String?)
    throws(SnapshotError) -> SnapshotManifest
  {
    let descriptor: FileDescriptor
    do {
      descriptor = try System.open(path, .readOnly)
    } catch {
      throw SnapshotError(error, archive: path)
    }
    defer { descriptor.close() }
    var reader = try ArchiveReader(descriptor: descriptor, archive: path)
    var extractor = target.map { Extractor(root: $0, archive: path) }

    // The manifest.
    guard let first = try reader.nextHeader() else {
      throw SnapshotError(.invalidManifest, archive: path, "the archive has no entries")
    }
    guard first.name == SnapshotManifest.entryName else {
      throw SnapshotError(
        .invalidManifest, archive: path, entry: first.name,
        "the first entry must be \(SnapshotManifest.entryName)")
    }
    guard first.size <= limits.maximumManifestSize else {
      throw SnapshotError(
        .limitExceeded, archive: path, entry: first.name,
        "size \(first.size) is over the cap of \(limits.maximumManifestSize) bytes")
    }
    var manifestBytes: [UInt8] = []
    _ = try reader.readBody(name: first.name, size: first.size) { chunk throws(SnapshotError) in
      manifestBytes.append(contentsOf: chunk)
    }
    let manifest = try SnapshotManifest.decode(manifestBytes, archive: path, limits: limits)

    // The files, in manifest order.
    let listed = Set(manifest.files.map(\.name))
    var seen: Set<String> = [SnapshotManifest.entryName]
    var index = 0
    while let header = try reader.nextHeader() {
      if seen.contains(header.name) {
        throw SnapshotError(.duplicateEntry, archive: path, entry: header.name, "appears twice")
      }
      guard listed.contains(header.name) else {
        throw SnapshotError(.unexpectedEntry, archive: path, entry: header.name, "is not in the manifest")
      }
      guard index < manifest.files.count, manifest.files[index].name == header.name else {
        throw SnapshotError(.outOfOrder, archive: path, entry: header.name, "is out of manifest order")
      }
      let expected = manifest.files[index]
      guard header.size == expected.size else {
        throw SnapshotError(
          .sizeMismatch, archive: path, entry: header.name,
          "size \(header.size) differs from the manifest's \(expected.size)")
      }
      seen.insert(header.name)
      try extractor?.begin(expected.name)
      let digest = try reader.readBody(name: header.name, size: header.size) {
        chunk throws(SnapshotError) in
        try extractor?.write(chunk)
      }
      guard constantTimeEqual(Array(SHA256Hasher.hex(digest).utf8), Array(expected.sha256.utf8))
      else {
        throw SnapshotError(
          .checksumMismatch, archive: path, entry: header.name,
          "SHA-256 \(SHA256Hasher.hex(digest)) differs from the manifest's \(expected.sha256)")
      }
      try extractor?.end()
      index += 1
    }
    if index < manifest.files.count {
      throw SnapshotError(
        .missingEntry, archive: path, entry: manifest.files[index].name,
        "is listed in the manifest but missing from the archive")
    }
    let archiveDigest = reader.finish()
    try checkSidecar(path: path, digest: archiveDigest)
    try extractor?.syncDirectories()
    return manifest
  }

  /// Compares the archive's digest with `<path>.sha256` when that file exists.
  private static func checkSidecar(path: String, digest: [UInt8]) throws(SnapshotError) {
    let sidecar = path + sidecarSuffix
    let bytes: [UInt8]
    do {
      guard try System.kindOfEntry(sidecar) != nil else { return }
      let descriptor = try System.open(sidecar, .readOnly)
      defer { descriptor.close() }
      guard try descriptor.size() <= maximumSidecarSize else {
        throw SnapshotError(.invalidSidecar, archive: path, "\(sidecar) is too large")
      }
      bytes = try descriptor.readAll()
    } catch let error as SystemError {
      throw SnapshotError(error, archive: path)
    } catch {
      throw SnapshotError.from(error, archive: path)
    }
    // sha256sum format: 64 hex digits, two spaces (or space and '*'), a name, a newline.
    guard bytes.count > 67, bytes[64] == UInt8(ascii: " "),
      bytes[65] == UInt8(ascii: " ") || bytes[65] == UInt8(ascii: "*"),
      bytes.last == UInt8(ascii: "\n"),
      SnapshotManifest.isHexDigest(String(decoding: bytes[0..<64], as: UTF8.self).lowercased())
    else {
      throw SnapshotError(.invalidSidecar, archive: path, "\(sidecar) is not in sha256sum format")
    }
    let expected = Array(String(decoding: bytes[0..<64], as: UTF8.self).lowercased().utf8)
    let actual = SHA256Hasher.hex(digest)
    guard constantTimeEqual(expected, Array(actual.utf8)) else {
      throw SnapshotError(
        .sidecarMismatch, archive: path,
        "SHA-256 \(actual) differs from the sidecar's \(String(decoding: expected, as: UTF8.self))")
    }
  }

  /// Compares two byte strings in time that depends only on their lengths.
  private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(left, right) { difference |= a ^ b }
    return difference == 0
  }

  /// A validated tar header: a regular file's safe name and size.
  struct EntryHeader: Hashable, Sendable {
    /// The entry's name, checked with ``SnapshotManifest/nameProblem(_:)``.
    var name: String
    /// The entry's size in bytes.
    var size: Int
  }

  /// Parses and validates one 512-byte ustar header found at `offset` of `archive`.
  ///
  /// - Complexity: O(1) (a 512-byte block).
  /// - Throws: ``SnapshotError`` for a bad checksum, magic, type, name or size field.
  static func parseHeader(_ block: [UInt8], archive: String, offset: Int) throws(SnapshotError)
    -> EntryHeader
  {
    let at = "header at offset \(offset)"
    guard let stored = octal(block[148..<156]) else {
      throw SnapshotError(.invalidNumericField, archive: archive, "\(at): checksum field is not octal")
    }
    guard stored == TarWriter.checksum(of: block) else {
      throw SnapshotError(.headerChecksumMismatch, archive: archive, "\(at): header checksum mismatch")
    }
    let magic = Array(block[257..<265])
    guard magic == Array("ustar\u{0}00".utf8) || magic == Array("ustar  \u{0}".utf8) else {
      throw SnapshotError(.unsupportedFormat, archive: archive, "\(at): not a ustar header")
    }
    func text(_ field: ArraySlice<UInt8>) -> [UInt8] { Array(field.prefix { $0 != 0 }) }
    var nameBytes = text(block[0..<100])
    let prefix = text(block[345..<500])
    if !prefix.isEmpty { nameBytes = prefix + [UInt8(ascii: "/")] + nameBytes }
    let name = String(decoding: nameBytes, as: UTF8.self)
    let typeflag = block[156]
    guard typeflag == UInt8(ascii: "0") || typeflag == 0 else {
      throw SnapshotError(
        .unsupportedEntryType, archive: archive, entry: name,
        "\(at): \(typeName(typeflag)) entries are not allowed")
    }
    if let problem = SnapshotManifest.nameProblem(name) {
      throw SnapshotError(.unsafeName, archive: archive, entry: name, "\(at): name is \(problem)")
    }
    guard let size = octal(block[124..<136]) else {
      throw SnapshotError(
        .invalidNumericField, archive: archive, entry: name, "\(at): size field is not octal")
    }
    return EntryHeader(name: name, size: size)
  }

  /// The value of a ustar octal field: optional leading spaces, octal digits, then only NUL
  /// or space; `nil` otherwise (including GNU base-256 numbers and empty fields).
  static func octal(_ field: ArraySlice<UInt8>) -> Int? {
    var index = field.startIndex
    while index < field.endIndex, field[index] == UInt8(ascii: " ") { index += 1 }
    var value = 0
    var digits = 0
    while index < field.endIndex, field[index] >= UInt8(ascii: "0"), field[index] <= UInt8(ascii: "7") {
      guard value <= (Int.max >> 3) else { return nil }
      value = value << 3 | Int(field[index] - UInt8(ascii: "0"))
      digits += 1
      index += 1
    }
    guard digits > 0 else { return nil }
    while index < field.endIndex {
      guard field[index] == 0 || field[index] == UInt8(ascii: " ") else { return nil }
      index += 1
    }
    return value
  }

  private static func typeName(_ flag: UInt8) -> String {
    switch flag {
    case UInt8(ascii: "1"): "hard link"
    case UInt8(ascii: "2"): "symbolic link"
    case UInt8(ascii: "3"): "character device"
    case UInt8(ascii: "4"): "block device"
    case UInt8(ascii: "5"): "directory"
    case UInt8(ascii: "6"): "FIFO"
    case UInt8(ascii: "7"): "contiguous file"
    case UInt8(ascii: "x"): "pax extended header"
    case UInt8(ascii: "g"): "pax global header"
    case UInt8(ascii: "L"): "GNU long name"
    case UInt8(ascii: "K"): "GNU long link name"
    default: "unknown type (0x\(String(flag, radix: 16)))"
    }
  }
}

/// Reads an archive front to back, bounds-checking every length and hashing every byte.
private struct ArchiveReader {
  let descriptor: FileDescriptor
  let archive: String
  let fileSize: Int
  private(set) var offset = 0
  private var hasher = SHA256Hasher()
  private var buffer: [UInt8]

  init(descriptor: FileDescriptor, archive: String) throws(SnapshotError) {
    self.descriptor = descriptor
    self.archive = archive
    do {
      fileSize = try descriptor.size()
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    buffer = [UInt8](repeating: 0, count: min(1 << 20, max(fileSize, TarWriter.blockSize)))
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
    let block = try read(blockSize)
    if block.allSatisfy({ $0 == 0 }) {
      try readEnd()
      return nil
    }
    return try SnapshotArchive.parseHeader(block, archive: archive, offset: headerOffset)
  }

  /// Reads an entry's `size` bytes and padding, passing the bytes to `body`; returns their
  /// SHA-256.
  mutating func readBody(
    name: String, size: Int, _ body: (UnsafeRawBufferPointer) throws(SnapshotError) -> Void
  ) throws(SnapshotError) -> [UInt8] {
    let blockSize = TarWriter.blockSize
    let available = fileSize - offset
    let padding = (blockSize - size % blockSize) % blockSize
    guard size <= available, padding <= available - size else {
      throw SnapshotError(
        .truncated, archive: archive, entry: name,
        "size \(size) at offset \(offset) runs past the end of the archive (\(fileSize) bytes)")
    }
    var fileHasher = SHA256Hasher()
    var remaining = size
    while remaining > 0 {
      let want = min(remaining, buffer.count)
      try fill(want)
      try buffer.withUnsafeBytes { raw in
        Result { () throws(SnapshotError) in
          let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<want])
          fileHasher.update(chunk)
          try body(chunk)
        }
      }.get()
      remaining -= want
    }
    if padding > 0 { try fill(padding) }
    return fileHasher.finalize()
  }

  /// Checks that everything after the first zero block is zero blocks, at least one more.
  private mutating func readEnd() throws(SnapshotError) {
    let blockSize = TarWriter.blockSize
    let rest = fileSize - offset
    guard rest >= blockSize else {
      throw SnapshotError(.truncated, archive: archive, "the second end-of-archive block is cut short")
    }
    var remaining = rest
    while remaining > 0 {
      let want = min(remaining, buffer.count)
      let start = offset
      try fill(want)
      if let nonZero = buffer[0..<want].firstIndex(where: { $0 != 0 }) {
        throw SnapshotError(
          .trailingGarbage, archive: archive,
          "non-zero bytes at offset \(start + nonZero) after the end of the archive")
      }
      remaining -= want
    }
    guard rest % blockSize == 0 else {
      throw SnapshotError(.truncated, archive: archive, "the archive ends inside a block")
    }
  }

  /// The archive's SHA-256 over every byte read.
  mutating func finish() -> [UInt8] { hasher.finalize() }

  private mutating func read(_ count: Int) throws(SnapshotError) -> [UInt8] {
    try fill(count)
    return Array(buffer[0..<count])
  }

  /// Reads the next `count` bytes (≤ the buffer size) into the front of `buffer`.
  private mutating func fill(_ count: Int) throws(SnapshotError) {
    let start = offset
    let descriptor = descriptor
    let got: Int
    do {
      got = try buffer.withUnsafeMutableBytes { raw in
        Result { () throws(SystemError) in
          try descriptor.read(
            into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<count]), at: start)
        }
      }.get()
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    guard got == count else {
      throw SnapshotError(.truncated, archive: archive, "the archive shrank while being read")
    }
    buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    offset += count
  }
}

/// Creates the extracted files under a fresh root folder, exclusively and durably.
private struct Extractor {
  let root: String
  let archive: String
  private var createdDirectories: [String] = []
  private var current: FileDescriptor?

  init(root: String, archive: String) {
    self.root = root
    self.archive = archive
  }

  /// Creates the file for `name` (and its folders); `name` is already validated.
  mutating func begin(_ name: String) throws(SnapshotError) {
    let segments = name.split(separator: "/").map(String.init)
    var folder = root
    do {
      for segment in segments.dropLast() {
        folder += "/" + segment
        if !createdDirectories.contains(folder) {
          try System.makeDirectory(folder)
          createdDirectories.append(folder)
        }
      }
      current = try System.open(root + "/" + name, .writeOnly, create: true, exclusive: true)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Writes bytes of the current file.
  func write(_ chunk: UnsafeRawBufferPointer) throws(SnapshotError) {
    guard let current else { return }
    do {
      try current.writeAll(chunk)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Syncs and closes the current file.
  mutating func end() throws(SnapshotError) {
    guard let file = current else { return }
    current = nil
    defer { file.close() }
    do {
      try file.sync()
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Syncs every created folder, deepest first, then the root.
  func syncDirectories() throws(SnapshotError) {
    do {
      for folder in createdDirectories.reversed() { try System.syncDirectory(folder) }
      try System.syncDirectory(root)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }
}
