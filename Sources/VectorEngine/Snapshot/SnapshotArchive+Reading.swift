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

extension SnapshotArchive {
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
  static func readManifestEntry(
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
}
