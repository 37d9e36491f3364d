// The one pass over an archive that every reader and the writer's read-back share: the
// manifest first, then each listed file in order, its size and its bytes checked (by SHA-256
// against the manifest, or by CRC-32C against what was written), the end-of-archive blocks,
// a full snapshot's aliases; optionally writing the files out through an `Extractor`. Also
// the check of the `<archive>.sha256` sidecar.

extension SnapshotArchive {
  /// How a scan checks the bytes of each file.
  enum FileCheck {
    /// Against the SHA-256 the manifest lists (any archive).
    case manifest
    /// Against the CRC-32C of each file's bytes as they were written, in manifest order: a
    /// writer's read-back, where the manifest's digests were computed from those same bytes.
    case written([UInt32])
  }

  /// One pass over the archive: checks everything and, with `target`, writes the files there.
  ///
  /// The sidecar is not looked at.
  static func scan(
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
  static func checkSidecar(path: String, sha256 actual: String) throws(SnapshotError) {
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
}
