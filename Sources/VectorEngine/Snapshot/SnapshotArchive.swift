// Snapshot archives: one POSIX ustar file whose first entry is `manifest.json`, followed by
// every file the manifest lists, in its order, then two zero blocks; plus a `<archive>.sha256`
// sidecar in `sha256sum` format holding the whole archive's SHA-256.
//
// Writing reads each source once. Sizes come first (stat), so the manifest's length is known
// before any hash: the manifest entry is written with every SHA-256 as 64 zeros, each source
// is streamed into the archive while a second thread hashes the same buffers, and the real
// manifest (same length) is then written over the placeholder. A source whose size differs
// from its planned size, before or after it is read, fails the snapshot with
// `sourceChanged`; the caller hands over files that are not being modified (sealed segments,
// frozen manifests). While the archive is fsynced on one thread, it is read back in full on
// this one and checked like any untrusted archive (headers, manifest, layout), except that
// each file's bytes are compared by CRC-32C with the bytes that were hashed for the manifest
// (cheaper than a third SHA-256 pass, and as good at catching a bad write); that read gives
// the whole archive's SHA-256 for the sidecar. Nothing is published unless it passes. The
// archive, then the sidecar, are published with temp + fsync + rename + fsync(dir)
// (`DurableFile`).
//
// Reading treats every archive as hostile (backup-reliability rules §3.2): every header's
// checksum, magic, type and name are checked; every length is checked against the file size
// before it is used; the manifest must come first and list every later entry in order, with
// sizes and SHA-256; only zero blocks may follow the end; caps bound counts and sizes; the
// sidecar, when present, must match the whole archive; a full snapshot must keep to
// `FullSnapshotLayout`, aliases included. Errors name the archive, the entry (escaped, cut)
// and the problem, never file contents. Extraction verifies the whole archive before it
// creates anything, then re-verifies while it writes, and removes everything it created if any
// check fails. Large archives are hashed twice at once: the whole-archive digest on a second
// thread, each file's on the reading thread.

/// Caps on what a snapshot reader accepts, so hostile archives cannot exhaust disk or memory.
import Model

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
  /// The most bytes read or written per system call.
  static let chunkSize = 1 << 20
  /// Buffers in flight between the I/O thread and the hashing thread.
  static let bufferCount = 4
  /// Archives (and sources) at least this large are hashed on a second thread.
  static let backgroundHashingThreshold = 4 << 20
  /// How many written bytes may wait before the kernel is asked to start writing them.
  static let writebackInterval = 8 << 20
  /// The SHA-256 the manifest holds until the real digests are known.
  private static let placeholderDigest = String(repeating: "0", count: 64)

  // MARK: - Writing

  /// Writes a snapshot archive of `sources` to `path`, verifies it, then writes its
  /// `<path>.sha256` sidecar.
  ///
  /// Each source is read once (see the file header). Both files are published durably;
  /// `path` and the sidecar must not exist yet.
  ///
  /// - Parameters:
  ///   - path: Where the archive goes; its folder must exist.
  ///   - kind: What the snapshot covers; a full snapshot's sources must follow
  ///     ``FullSnapshotLayout``.
  ///   - created: The snapshot time, `YYYY-MM-DDTHH:MM:SSZ`; also every entry's mtime.
  ///   - collections: The collections it holds and their configurations (JSON objects).
  ///   - sources: The entries in archive order.
  /// - Returns: What the verifying read-back found: manifest, size, SHA-256, aliases.
  /// - Complexity: O(total size of the sources).
  /// - Throws: ``SnapshotError``: caller faults (`invalidName`, `invalidArgument`,
  ///   `destinationExists`, `sourceChanged`) or `io`.
  static func write(
    to path: String, kind: SnapshotManifest.Kind, created: String,
    collections: [SnapshotManifest.Collection], sources: [SnapshotSource]
  ) throws(SnapshotError) -> SnapshotContents {
    guard let modificationTime = SnapshotManifest.epochSeconds(created: created) else {
      throw SnapshotError(.invalidArgument, archive: path, "created is not YYYY-MM-DDTHH:MM:SSZ")
    }
    guard collections.allSatisfy({ $0.config.objectValue != nil }) else {
      throw SnapshotError(.invalidArgument, archive: path, "config must be a JSON object")
    }
    guard kind == .full || collections.count == 1 else {
      throw SnapshotError(
        .invalidArgument, archive: path, "a collection snapshot holds one collection")
    }
    let limits = SnapshotLimits.default
    guard sources.count < limits.maximumEntries else {
      throw SnapshotError(.invalidArgument, archive: path, "too many files (\(sources.count))")
    }
    var seen: Set<String> = [SnapshotManifest.entryName]
    for source in sources {
      if let problem = SnapshotManifest.nameProblem(source.name) {
        throw SnapshotError(
          .invalidName, archive: path, entry: source.name, "file name is \(problem)")
      }
      guard seen.insert(source.name).inserted else {
        throw SnapshotError(
          .invalidName, archive: path, entry: source.name, "name is used twice or reserved")
      }
    }
    let (directory, baseName) = split(path)
    var planned: [SnapshotManifest.File] = []
    do {
      for existing in [path, path + sidecarSuffix] where try System.kindOfEntry(existing) != nil {
        throw SnapshotError(.destinationExists, archive: path, "\(existing) already exists")
      }
      for source in sources {
        let size: Int
        switch source.content {
        case .bytes(let bytes): size = bytes.count
        case .file(let file):
          guard let found = try System.fileSize(file) else {
            throw SnapshotError(
              .sourceChanged, archive: path, entry: source.name, "the source file is missing")
          }
          size = found
        }
        planned.append(
          SnapshotManifest.File(name: source.name, size: size, sha256: placeholderDigest))
      }
    } catch let error as SystemError {
      throw SnapshotError(error, archive: path)
    } catch {
      throw SnapshotError.from(error, archive: path)
    }
    var manifest = SnapshotManifest(
      kind: kind, created: created, collections: collections, files: planned)
    if kind == .full, let problem = FullSnapshotLayout.problem(manifest) {
      throw SnapshotError(.invalidName, archive: path, entry: problem.entry, problem.detail)
    }
    let placeholder = manifest.encoded()
    guard placeholder.count <= limits.maximumManifestSize else {
      throw SnapshotError(.invalidArgument, archive: path, "the manifest would exceed its size cap")
    }
    let total = planned.reduce(0) { $0 + $1.size }

    var failure: SnapshotError?
    var contents: SnapshotContents?
    do throws(SystemError) {
      try DurableFile.publish(as: baseName, in: directory) { (descriptor) throws(SystemError) in
        do throws(SnapshotError) {
          var writer = TarWriter(output: descriptor, archive: path)
          try writer.beginFile(
            name: SnapshotManifest.entryName, size: placeholder.count,
            modificationTime: modificationTime)
          let manifestOffset = writer.bytesWritten
          try writer.write(placeholder)
          try writer.endFile()
          let hasher = BackgroundHasher(
            bufferSize: min(chunkSize, max(total, 1)), count: bufferCount,
            background: total >= backgroundHashingThreshold)
          var checksums: [UInt32] = []
          for (source, entry) in zip(sources, planned) {
            try writer.beginFile(
              name: entry.name, size: entry.size, modificationTime: modificationTime)
            checksums.append(
              try stream(source, size: entry.size, archive: path, into: &writer, hashing: hasher))
            hasher.endStream()
            try writer.endFile()
          }
          try writer.finish()
          for (index, digest) in hasher.digests().enumerated() {
            manifest.files[index].sha256 = SHA256Hasher.hex(digest)
          }
          let final = manifest.encoded()
          precondition(
            final.count == placeholder.count,
            "the manifest changed length when its digests were filled in")
          do throws(SystemError) {
            try final.withUnsafeBytes { raw in
              Result { () throws(SystemError) in try descriptor.write(raw, at: manifestOffset) }
            }.get()
          } catch {
            throw SnapshotError(error, archive: path)
          }
          // Flush on another thread while this one reads everything back.
          let flush = descriptor.syncInBackground()
          let readBack = Result { () throws(SnapshotError) in
            try scan(path: descriptor.path, limits: limits, checking: .written(checksums))
          }
          do throws(SystemError) {
            try flush.wait()
          } catch {
            throw SnapshotError(error, archive: path)
          }
          let found = try readBack.get()
          guard found.manifest == manifest, found.size == writer.bytesWritten else {
            throw SnapshotError(
              .io, archive: path, "the archive read back differs from what was written")
          }
          contents = found
        } catch {
          failure = error
          throw SystemError(code: System.errnoIO, operation: "snapshot write", path: path)
        }
      }
      guard let contents else {
        throw SystemError(code: System.errnoIO, operation: "snapshot write", path: path)
      }
      try DurableFile.publish(
        Array("\(contents.sha256)  \(baseName)\n".utf8), as: baseName + sidecarSuffix, in: directory
      )
      return contents
    } catch {
      if let failure { throw failure }
      throw SnapshotError(error, archive: path)
    }
  }

  /// Copies one source into the archive's current entry, handing each chunk to `hasher`.
  ///
  /// - Returns: The CRC-32C of the bytes written, for the read-back check.
  private static func stream(
    _ source: SnapshotSource, size: Int, archive: String, into writer: inout TarWriter,
    hashing hasher: BackgroundHasher
  ) throws(SnapshotError) -> UInt32 {
    var checksum: UInt32 = 0
    switch source.content {
    case .bytes(let bytes):
      var offset = 0
      while offset < bytes.count {
        let count = min(hasher.bufferSize, bytes.count - offset)
        let target = UnsafeMutableRawBufferPointer(rebasing: hasher.nextBuffer()[0..<count])
        bytes.withUnsafeBytes { raw in
          target.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
        }
        let buffer = UnsafeRawBufferPointer(target)
        try writer.write(buffer)
        hasher.hash(count)
        checksum = CRC32C.checksum(buffer, seed: checksum)
        offset += count
      }
    case .file(let file):
      do {
        let descriptor = try System.open(file, .readOnly)
        defer { descriptor.close() }
        descriptor.adviseSequentialReading()
        guard try descriptor.size() == size else {
          throw SnapshotError(
            .sourceChanged, archive: archive, entry: source.name, "the source file changed size")
        }
        var offset = 0
        while offset < size {
          let count = min(hasher.bufferSize, size - offset)
          let buffer = UnsafeMutableRawBufferPointer(rebasing: hasher.nextBuffer()[0..<count])
          guard try descriptor.read(into: buffer, at: offset) == count else {
            throw SnapshotError(
              .sourceChanged, archive: archive, entry: source.name,
              "the source file shrank while being read")
          }
          try writer.write(UnsafeRawBufferPointer(buffer))
          hasher.hash(count)
          checksum = CRC32C.checksum(UnsafeRawBufferPointer(buffer), seed: checksum)
          writer.startWriteback(every: writebackInterval)
          offset += count
        }
        guard try descriptor.size() == size else {
          throw SnapshotError(
            .sourceChanged, archive: archive, entry: source.name,
            "the source file changed size while being read")
        }
      } catch let error as SystemError {
        throw SnapshotError(error, archive: archive)
      } catch {
        throw SnapshotError.from(error, archive: archive)
      }
    }
    return checksum
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
  /// - Complexity: O(archive size).
  /// - Throws: ``SnapshotError`` naming the entry and the problem.
  static func verify(path: String, limits: SnapshotLimits = .default) throws(SnapshotError)
    -> SnapshotManifest
  {
    try check(path: path, limits: limits).manifest
  }

  /// Reads the whole archive and checks everything; returns what it holds.
  ///
  /// Checks every header, the manifest, every file's size and SHA-256, the end-of-archive
  /// blocks, a full snapshot's layout and aliases, and the `<path>.sha256` sidecar when it
  /// exists. Writes nothing.
  ///
  /// - Complexity: O(archive size).
  /// - Throws: ``SnapshotError`` naming the entry and the problem.
  static func check(path: String, limits: SnapshotLimits = .default) throws(SnapshotError)
    -> SnapshotContents
  {
    let contents = try scan(path: path, limits: limits, checking: .manifest)
    try checkSidecar(path: path, sha256: contents.sha256)
    return contents
  }

  /// Reads only the manifest at the front of the archive, for listings; checks nothing else.
  ///
  /// - Returns: The manifest, and the size in bytes an archive holding exactly the files it
  ///   lists has.
  /// - Complexity: O(manifest size).
  /// - Throws: ``SnapshotError`` when the first entry is not a valid manifest.
  static func readManifest(path: String, limits: SnapshotLimits = .default) throws(SnapshotError)
    -> (manifest: SnapshotManifest, archiveSize: Int)
  {
    let descriptor: FileDescriptor
    do {
      descriptor = try System.open(path, .readOnly)
    } catch {
      throw SnapshotError(error, archive: path)
    }
    defer { descriptor.close() }
    var reader = try ArchiveReader(descriptor: descriptor, archive: path, backgroundHashing: false)
    let manifest = try readManifestEntry(&reader, path: path, limits: limits)
    return (manifest, manifest.archiveSize(manifestEnd: reader.offset))
  }

  /// Verifies the archive, then extracts its files into `directory`, which must not exist.
  ///
  /// - Complexity: O(archive size); the archive is read twice.
  /// - Throws: ``SnapshotError``, as ``extractContents(path:into:limits:)``.
  static func extract(path: String, into directory: String, limits: SnapshotLimits = .default)
    throws(SnapshotError) -> SnapshotManifest
  {
    try extractContents(path: path, into: directory, limits: limits).manifest
  }

  /// Verifies the archive, then extracts its files into `directory`, which must not exist.
  ///
  /// Creates `directory` (and any sub-folders) with mode 0700 and files with mode 0600,
  /// exclusively and without following links, fsyncs every file and folder, and re-verifies
  /// every byte while writing. On any error, removes everything it created.
  ///
  /// - Complexity: O(archive size); the archive is read twice.
  /// - Throws: ``SnapshotError``; `destinationExists` when `directory` exists.
  static func extractContents(
    path: String, into directory: String, limits: SnapshotLimits = .default
  )
    throws(SnapshotError) -> SnapshotContents
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
    let checked = try check(path: path, limits: limits)
    do {
      try System.makeDirectory(directory)
    } catch {
      if error.code == System.errnoExists {
        throw SnapshotError(.destinationExists, archive: path, "\(directory) already exists")
      }
      throw SnapshotError(error, archive: path)
    }
    do throws(SnapshotError) {
      let contents = try scan(
        path: path, limits: limits, checking: .manifest, extractingInto: directory)
      guard contents == checked else {
        throw SnapshotError(.truncated, archive: path, "the archive changed while being extracted")
      }
      do {
        try System.syncDirectory(split(directory).directory)
      } catch {
        throw SnapshotError(error, archive: path)
      }
      return contents
    } catch {
      try? System.removeTree(directory)
      throw error
    }
  }

  /// Reads and decodes the first entry, which must be the manifest.
  private static func readManifestEntry(
    _ reader: inout ArchiveReader, path: String, limits: SnapshotLimits
  ) throws(SnapshotError) -> SnapshotManifest {
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
    try reader.readBody(name: first.name, size: first.size) { chunk throws(SnapshotError) in
      manifestBytes.append(contentsOf: chunk)
    }
    return try SnapshotManifest.decode(manifestBytes, archive: path, limits: limits)
  }

  /// How a scan checks the bytes of each file.
  private enum FileCheck {
    /// Against the SHA-256 the manifest lists (any archive).
    case manifest
    /// Against the CRC-32C of each file's bytes as they were written, in manifest order: a
    /// writer's read-back, where the manifest's digests were computed from those same bytes.
    case written([UInt32])
  }

  /// One pass over the archive: checks everything and, with `target`, writes the files there.
  ///
  /// The sidecar is not looked at.
  private static func scan(
    path: String, limits: SnapshotLimits, checking check: FileCheck,
    extractingInto target: String? = nil
  ) throws(SnapshotError) -> SnapshotContents {
    let descriptor: FileDescriptor
    do {
      descriptor = try System.open(path, .readOnly)
    } catch {
      throw SnapshotError(error, archive: path)
    }
    defer { descriptor.close() }
    var reader = try ArchiveReader(descriptor: descriptor, archive: path, backgroundHashing: nil)
    let extractor = target.map { Extractor(root: $0, archive: path) }
    let manifest = try readManifestEntry(&reader, path: path, limits: limits)

    // The files, in manifest order.
    let listed = Set(manifest.files.map(\.name))
    var seen: Set<String> = [SnapshotManifest.entryName]
    var aliasesBytes: [UInt8]?
    var dataOffsets: [String: Int] = [:]
    var index = 0
    while let header = try reader.nextHeader() {
      if seen.contains(header.name) {
        throw SnapshotError(.duplicateEntry, archive: path, entry: header.name, "appears twice")
      }
      guard listed.contains(header.name) else {
        throw SnapshotError(
          .unexpectedEntry, archive: path, entry: header.name, "is not in the manifest")
      }
      guard index < manifest.files.count, manifest.files[index].name == header.name else {
        throw SnapshotError(
          .outOfOrder, archive: path, entry: header.name, "is out of manifest order")
      }
      let expected = manifest.files[index]
      guard header.size == expected.size else {
        throw SnapshotError(
          .sizeMismatch, archive: path, entry: header.name,
          "size \(header.size) differs from the manifest's \(expected.size)")
      }
      seen.insert(header.name)
      let capturesAliases = manifest.kind == .full && header.name == FullSnapshotLayout.aliasesEntry
      if capturesAliases {
        guard header.size <= FullSnapshotLayout.maximumAliasesSize else {
          throw SnapshotError(
            .limitExceeded, archive: path, entry: header.name,
            "size \(header.size) is over the cap of \(FullSnapshotLayout.maximumAliasesSize) bytes")
        }
        aliasesBytes = []
      }
      try extractor?.begin(expected.name)
      dataOffsets[header.name] = reader.offset
      var fileHasher = SHA256Hasher()
      var checksum: UInt32 = 0
      try reader.readBody(name: header.name, size: header.size) { chunk throws(SnapshotError) in
        switch check {
        case .manifest: fileHasher.update(chunk)
        case .written: checksum = CRC32C.checksum(chunk, seed: checksum)
        }
        try extractor?.write(chunk)
        if capturesAliases { aliasesBytes?.append(contentsOf: chunk) }
      }
      switch check {
      case .manifest:
        let digest = SHA256Hasher.hex(fileHasher.finalize())
        guard constantTimeEqual(Array(digest.utf8), Array(expected.sha256.utf8)) else {
          throw SnapshotError(
            .checksumMismatch, archive: path, entry: header.name,
            "SHA-256 \(digest) differs from the manifest's \(expected.sha256)")
        }
      case .written(let checksums):
        guard index < checksums.count, checksums[index] == checksum else {
          throw SnapshotError(
            .checksumMismatch, archive: path, entry: header.name,
            "the bytes read back differ from the bytes written")
        }
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
    var aliases: [String: String] = [:]
    if manifest.kind == .full, let aliasesBytes {
      aliases = try FullSnapshotLayout.decodeAliases(
        aliasesBytes, archive: path, collections: manifest.collections.map(\.name))
    }
    try extractor?.syncDirectories()
    return SnapshotContents(
      manifest: manifest, size: reader.offset, sha256: SHA256Hasher.hex(archiveDigest),
      aliases: aliases, dataOffsets: dataOffsets)
  }

  /// Compares the archive's digest with `<path>.sha256` when that file exists.
  private static func checkSidecar(path: String, sha256 actual: String) throws(SnapshotError) {
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
      throw SnapshotError(
        .invalidNumericField, archive: archive, "\(at): checksum field is not octal")
    }
    guard stored == TarWriter.checksum(of: block) else {
      throw SnapshotError(
        .headerChecksumMismatch, archive: archive, "\(at): header checksum mismatch")
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
    guard String(validating: nameBytes, as: UTF8.self) != nil else {
      throw SnapshotError(
        .unsafeName, archive: archive, entry: name, "\(at): name is not valid UTF-8")
    }
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
    while index < field.endIndex, field[index] >= UInt8(ascii: "0"),
      field[index] <= UInt8(ascii: "7")
    {
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
  /// The whole archive's SHA-256; its buffers are also the reader's.
  private let archiveHasher: BackgroundHasher

  /// Starts at the front of `descriptor`; `backgroundHashing` chooses the thread for the
  /// archive's digest (`nil`: a second thread for large archives).
  init(descriptor: FileDescriptor, archive: String, backgroundHashing: Bool?) throws(SnapshotError)
  {
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

/// Creates the extracted files under a fresh root folder, exclusively and durably.
///
/// Each finished file is fsynced on another thread while the next one is written; at most
/// one such sync is pending, and ``syncDirectories()`` waits for it.
private final class Extractor {
  let root: String
  let archive: String
  private var createdDirectories: [String] = []
  private var knownDirectories: Set<String> = []
  private var current: FileDescriptor?
  private var pending: (sync: BackgroundSync, file: FileDescriptor)?
  private var written = 0
  private var writebackStart = 0

  init(root: String, archive: String) {
    self.root = root
    self.archive = archive
  }

  deinit {
    // Files left open by a failed extraction; the caller removes their folder.
    current?.close()
    if let pending {
      try? pending.sync.wait()
      pending.file.close()
    }
  }

  /// Creates the file for `name` (and its folders); `name` is already validated.
  func begin(_ name: String) throws(SnapshotError) {
    let segments = name.split(separator: "/").map(String.init)
    var folder = root
    do {
      for segment in segments.dropLast() {
        folder += "/" + segment
        if knownDirectories.insert(folder).inserted {
          try System.makeDirectory(folder)
          createdDirectories.append(folder)
        }
      }
      current = try System.open(root + "/" + name, .writeOnly, create: true, exclusive: true)
      written = 0
      writebackStart = 0
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Writes bytes of the current file, asking the kernel to start writing them to disk every
  /// few megabytes so the final fsync has less left.
  func write(_ chunk: UnsafeRawBufferPointer) throws(SnapshotError) {
    guard let current else { return }
    do {
      try current.writeAll(chunk)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    written += chunk.count
    if written - writebackStart >= SnapshotArchive.writebackInterval {
      current.startWriteback(offset: writebackStart, length: written - writebackStart)
      writebackStart = written
    }
  }

  /// Starts syncing the current file on another thread, after the previous file's sync ends.
  func end() throws(SnapshotError) {
    guard let file = current else { return }
    current = nil
    try finishPendingSync()
    pending = (file.syncInBackground(), file)
  }

  /// Waits for the pending file sync and closes that file.
  private func finishPendingSync() throws(SnapshotError) {
    guard let (sync, file) = pending else { return }
    pending = nil
    defer { file.close() }
    do {
      try sync.wait()
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }

  /// Waits for the last file's sync, then syncs every created folder, deepest first, then the
  /// root.
  func syncDirectories() throws(SnapshotError) {
    try finishPendingSync()
    do {
      for folder in createdDirectories.reversed() { try System.syncDirectory(folder) }
      try System.syncDirectory(root)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
  }
}
