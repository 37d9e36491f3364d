// Snapshots of collections: `<data>/snapshots/<collection>/<collection>-<YYYY-MM-DD-HH-MM-SS>.snapshot`
// (or the same name in a folder the caller chooses) plus a `.sha256` sidecar. A snapshot holds
// the collection's MANIFEST and the immutable segment, deletion, payload-index and graph files
// it names, as of one consistent cut.
//
// Restore protocol: verify the whole archive, extract it into a fresh hidden folder, open it
// (every file validated), check that the configuration fits the collection it replaces, then
// swap folders by rename and fsync; the old data is removed only after the swap.

import Model

extension Database {
  /// `<data>/snapshots`: full snapshots, and one folder per collection for its snapshots.
  public var snapshotsDirectory: String { directory + "/snapshots" }

  func snapshotFolder(_ collection: String) -> String { snapshotsDirectory + "/" + collection }

  /// Takes a snapshot of a collection.
  ///
  /// Writers wait only while the unsealed points are sealed; the files are then copied
  /// without the collection's lock, read once, and the archive is read back and verified
  /// before it is published.
  ///
  /// - Parameters:
  ///   - name: The collection or an alias of it.
  ///   - directory: An existing folder for the archive and its sidecar; `nil` for
  ///     `<data>/snapshots/<collection>/`.
  /// - Returns: The new snapshot, with its SHA-256 and absolute path.
  /// - Complexity: O(size of the collection's files).
  /// - Throws: ``StoreError``: `readOnly`, `notFound` (collection or folder), `invalidInput`,
  ///   `io`, `diskFull`.
  @discardableResult
  public func createSnapshot(of name: String, in directory: String? = nil) throws(StoreError)
    -> SnapshotDescription
  {
    // Without the lock another process may remove the files the snapshot copies.
    try requireWritableForSnapshots()
    let collection = try collection(name)
    let folder = try snapshotDestination(directory, defaultFolder: snapshotFolder(collection.name))
    let cut = try collection.freezeForSnapshot()
    defer { collection.unpin(cut.files) }
    do {
      try Self.validateCut(cut, in: collection.directory)
    } catch {
      throw StoreError(error.kind, "snapshot of \(collection.name) refused: \(error.message)")
    }
    let now = UTCTimestamp(epochSeconds: System.wallClockSeconds)
    let path = Self.unusedArchivePath(in: folder, stem: "\(collection.name)-\(now.fileStamp)")
    let sources =
      [SnapshotSource(name: CollectionManifest.fileName, content: .bytes(cut.manifest))]
      + cut.files.map { SnapshotSource(name: $0, content: .file(collection.directory + "/" + $0)) }
    do {
      let contents = try SnapshotArchive.write(
        to: path, kind: .collection, created: now.rfc3339,
        collections: [
          SnapshotManifest.Collection(name: collection.name, config: collection.config.json)
        ],
        sources: sources)
      return Self.description(of: contents, at: path)
    } catch {
      throw Self.engineError(error, "snapshot of \(collection.name) failed")
    }
  }

  /// The snapshots of a collection in `<data>/snapshots/<collection>/` (the collection need
  /// not exist any more), newest first.
  ///
  /// Reads each archive's manifest and sidecar, not the whole archive: ``SnapshotDescription/problem``
  /// reports what these cheap checks find.
  ///
  /// - Complexity: O(number of snapshots × manifest size).
  public func snapshots(of name: String) throws(StoreError) -> [SnapshotDescription] {
    try CollectionName.validate(name)
    return try listSnapshots(in: snapshotFolder(name)) { file in
      Self.created(fromSnapshotName: file, stem: name)
    }
  }

  /// Reads a whole snapshot and checks every checksum (files and sidecar).
  ///
  /// - Parameters:
  ///   - snapshot: A snapshot name of the collection, or a path to a `.snapshot` file.
  ///   - name: The collection the snapshot is listed under.
  /// - Returns: The snapshot, as ``verifySnapshotFile(at:)`` describes it.
  /// - Complexity: O(archive size).
  /// - Throws: ``StoreError``: `notFound`, `invalidInput` (a malformed name), `corrupted`, `io`.
  public func verifySnapshot(_ snapshot: String, of name: String) throws(StoreError)
    -> SnapshotDescription
  {
    try verifySnapshotFile(at: try snapshotPath(snapshot, collection: name))
  }

  /// Deletes a snapshot of a collection and its sidecar.
  ///
  /// - Throws: ``StoreError``: `readOnly`, `notFound`, `invalidInput` (a path, not a name), `io`.
  public func deleteSnapshot(_ snapshot: String, of name: String) throws(StoreError) {
    guard !snapshot.contains("/") else {
      throw StoreError(.invalidInput, "give a snapshot name, not a path")
    }
    try deleteSnapshotFile(at: try snapshotPath(snapshot, collection: name))
  }

  /// Restores a snapshot into collection `target` (default: the collection it is listed under).
  ///
  /// The archive is verified and extracted into a fresh folder and opened before anything
  /// live changes. Replacing an existing collection needs `replace`, and is refused when its
  /// dimension or distance differ from the snapshot's.
  ///
  /// - Parameters:
  ///   - snapshot: A snapshot name of the collection, or a path to a `.snapshot` file.
  ///   - name: The collection the snapshot is listed under, and the default target.
  ///   - target: The collection to restore into.
  ///   - replace: Confirms replacing an existing collection.
  /// - Returns: The restored collection.
  /// - Complexity: O(archive size).
  /// - Throws: ``StoreError``, as ``restoreSnapshotFile(at:as:replace:)``.
  public func restoreSnapshot(
    _ snapshot: String, of name: String, as target: String? = nil, replace: Bool = false
  )
    throws(StoreError) -> CollectionInfo
  {
    let path = try snapshotPath(snapshot, collection: name)
    let restored = try restoreSnapshotFile(at: path, as: target ?? name, replace: replace)
    guard let info = restored.first else {
      throw StoreError(.corrupted, "snapshot \(Self.lastComponent(path)) holds no collection")
    }
    return info
  }

  // MARK: Shared by both kinds

  func requireWritableForSnapshots() throws(StoreError) {
    if isReadOnly {
      throw StoreError(.readOnly, "the data directory \(directory) is open read-only")
    }
  }

  /// The absolute path of the folder a new snapshot goes to: `folder` (which must exist), or
  /// `defaultFolder`, created if needed.
  func snapshotDestination(_ folder: String?, defaultFolder: String) throws(StoreError) -> String {
    do {
      guard let folder else {
        try DurableFile.makeDirectories(defaultFolder)
        return try System.resolvedPath(defaultFolder)
      }
      guard !folder.isEmpty, try System.kindOfEntry(folder) != nil else {
        throw StoreError(.notFound, "the snapshot folder \(folder) does not exist")
      }
      let resolved = try System.resolvedPath(folder)
      guard try System.kindOfEntry(resolved) == .directory else {
        throw StoreError(.invalidInput, "\(folder) is not a folder")
      }
      return resolved
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.from(error)
    }
  }

  /// `<folder>/<stem>.snapshot`, or `<stem>-2.snapshot`, `-3`, … when that archive or its
  /// sidecar exists.
  static func unusedArchivePath(in folder: String, stem: String) -> String {
    var path = folder + "/" + stem + ".snapshot"
    var suffix = 2
    while (try? System.kindOfEntry(path)) != nil
      || (try? System.kindOfEntry(path + SnapshotArchive.sidecarSuffix)) != nil
    {
      path = folder + "/" + stem + "-\(suffix).snapshot"
      suffix += 1
    }
    return path
  }

  /// Lists the `.snapshot` files of `folder` (none when it does not exist), newest first.
  func listSnapshots(in folder: String, createdFromName: (String) -> String) throws(StoreError)
    -> [SnapshotDescription]
  {
    do {
      guard try System.kindOfEntry(folder) == .directory else { return [] }
      var result: [SnapshotDescription] = []
      for file in try System.listDirectory(folder)
      where file.hasSuffix(".snapshot") && !file.hasPrefix(".") {
        let path = folder + "/" + file
        guard try System.kindOfEntry(path) == .file else { continue }
        result.append(Self.listed(path: path, name: file, createdFromName: createdFromName(file)))
      }
      return result.sorted { $0.name > $1.name }
    } catch {
      throw StoreError.from(error)
    }
  }

  /// A listing's description of one archive: sidecar, manifest and size, checked cheaply.
  private static func listed(path: String, name: String, createdFromName: String)
    -> SnapshotDescription
  {
    let size = (try? System.fileSize(path)).flatMap { $0 } ?? 0
    let sidecar = sidecarDigest(path)
    var description = SnapshotDescription(
      name: name, created: createdFromName, size: size, sha256: sidecar, path: path)
    do throws(SnapshotError) {
      let (manifest, expectedSize) = try SnapshotArchive.readManifest(path: path)
      description.created = manifest.created
      description.collections = manifest.collections.map(\.name)
      description.isFull = manifest.kind == .full
      if expectedSize != size {
        description.problem =
          "size \(size) differs from the \(expectedSize) bytes its manifest records"
      } else if sidecar == nil {
        description.problem = "no sidecar"
      }
    } catch {
      description.problem = "manifest unreadable: \(error.detail)"
    }
    return description
  }

  /// The SHA-256 in `<path>.sha256`, or `nil` when there is no sidecar or it is malformed.
  private static func sidecarDigest(_ path: String) -> String? {
    let sidecar = path + SnapshotArchive.sidecarSuffix
    guard let size = (try? System.fileSize(sidecar)).flatMap({ $0 }),
      size <= SnapshotArchive.maximumSidecarSize,
      let bytes = try? DurableFile.readRequired(sidecar)
    else { return nil }
    let digest = String(decoding: bytes.prefix(64), as: UTF8.self).lowercased()
    return SnapshotManifest.isHexDigest(digest) ? digest : nil
  }

  /// The description of a snapshot whose whole archive was just written or checked.
  static func description(of contents: SnapshotContents, at path: String) -> SnapshotDescription {
    SnapshotDescription(
      name: lastComponent(path), created: contents.manifest.created, size: contents.size,
      sha256: contents.sha256, path: path, collections: contents.manifest.collections.map(\.name),
      isFull: contents.manifest.kind == .full)
  }

  /// An engine error for a failed snapshot operation, with whose fault it is.
  static func engineError(_ error: SnapshotError, _ what: String) -> StoreError {
    if let system = error.systemError, system.isDiskFull {
      return StoreError(.diskFull, "\(what): disk full: \(error); nothing was changed")
    }
    switch error.fault {
    case .system: return StoreError(.io, "\(what): \(error)")
    case .caller: return StoreError(.invalidInput, "\(what): \(error)")
    case .archive: return StoreError(.corrupted, "\(what): \(error)")
    }
  }

  private func snapshotPath(_ snapshot: String, collection: String) throws(StoreError) -> String {
    if snapshot.contains("/") { return snapshot }
    try CollectionName.validate(collection)
    guard snapshot.hasSuffix(".snapshot"), !snapshot.hasPrefix("."), !snapshot.contains("\0") else {
      throw StoreError(.invalidInput, "\(snapshot) is not a snapshot name (…​.snapshot)")
    }
    let path = snapshotFolder(collection) + "/" + snapshot
    guard (try? System.kindOfEntry(path)) == .file else {
      throw StoreError(
        .notFound, "snapshot \(snapshot) of collection \(collection) does not exist")
    }
    return path
  }

  static func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` from `<stem>-YYYY-MM-DD-HH-MM-SS[-n].snapshot`, or `""`.
  static func created(fromSnapshotName file: String, stem: String) -> String {
    let stamp = file.dropFirst(stem.count + 1).prefix(19)
    let parts = stamp.split(separator: "-")
    guard parts.count == 6 else { return "" }
    return "\(parts[0])-\(parts[1])-\(parts[2])T\(parts[3]):\(parts[4]):\(parts[5])Z"
  }
}
