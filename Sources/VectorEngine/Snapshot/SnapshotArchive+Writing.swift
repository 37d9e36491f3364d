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

import Model

extension SnapshotArchive {
  /// The SHA-256 the manifest holds until the real digests are known.
  private static let placeholderDigest = String(repeating: "0", count: 64)

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
}
