// Snapshots of collections: `<data>/snapshots/<collection>/<collection>-<YYYY-MM-DD-HH-MM-SS>.snapshot`
// plus a `.sha256` sidecar. A snapshot holds the collection's MANIFEST and the immutable
// segment, deletion, payload-index and graph files it names, as of one consistent cut.
//
// Restore protocol: verify the whole archive, extract it into a fresh hidden folder, open it
// (every file validated), check that the configuration fits the collection it replaces, then
// swap folders by rename and fsync; the old data is removed only after the swap.

extension Database {
  private var snapshotsDirectory: String { directory + "/snapshots" }

  private func snapshotFolder(_ collection: String) -> String { snapshotsDirectory + "/" + collection }

  /// Takes a snapshot of a collection.
  ///
  /// Writers wait only while the unsealed points are sealed; the files are then copied
  /// without the collection's lock.
  ///
  /// - Complexity: O(size of the collection's files).
  @discardableResult
  public func createSnapshot(of name: String) throws(EngineError) -> SnapshotDescription {
    // Without the lock another process may remove the files the snapshot copies.
    try requireWritableForSnapshots()
    let collection = try collection(name)
    let folder = snapshotFolder(collection.name)
    do {
      try System.makeDirectoryIfMissing(snapshotsDirectory)
      try System.makeDirectoryIfMissing(folder)
    } catch {
      throw EngineError.from(error)
    }
    let cut = try collection.freezeForSnapshot()
    defer { collection.unpin(cut.files) }
    let stage = folder + "/" + DurableFile.temporaryPrefix + "stage-" + String(System.randomUInt32(), radix: 16)
    do {
      try System.makeDirectory(stage)
      try DurableFile.publish(cut.manifest, as: CollectionManifest.fileName, in: stage)
    } catch {
      try? System.removeTree(stage)
      throw EngineError.from(error)
    }
    defer { try? System.removeTree(stage) }
    let now = UTCTimestamp(epochSeconds: System.wallClockSeconds)
    var fileName = "\(collection.name)-\(now.fileStamp).snapshot"
    var suffix = 2
    while (try? System.kindOfEntry(folder + "/" + fileName)) != nil {
      fileName = "\(collection.name)-\(now.fileStamp)-\(suffix).snapshot"
      suffix += 1
    }
    let sources = [(name: CollectionManifest.fileName, sourcePath: stage + "/" + CollectionManifest.fileName)]
      + cut.files.map { (name: $0, sourcePath: collection.directory + "/" + $0) }
    do {
      let written = try SnapshotArchive.write(
        to: folder + "/" + fileName, collection: collection.name, created: now.rfc3339,
        config: collection.config.json, files: sources)
      return SnapshotDescription(name: fileName, created: now.rfc3339, size: written.size, sha256: written.sha256)
    } catch {
      throw EngineError(error.fault == .system ? .io : .invalidInput, "snapshot of \(collection.name) failed: \(error)")
    }
  }

  /// The snapshots of a collection (by name; the collection need not exist any more), newest first.
  public func snapshots(of name: String) throws(EngineError) -> [SnapshotDescription] {
    try CollectionName.validate(name)
    let folder = snapshotFolder(name)
    do {
      guard try System.kindOfEntry(folder) == .directory else { return [] }
      var result: [SnapshotDescription] = []
      for file in try System.listDirectory(folder) where file.hasSuffix(".snapshot") && !file.hasPrefix(".") {
        let size = try System.fileSize(folder + "/" + file) ?? 0
        let sidecar = (try? DurableFile.readRequired(folder + "/" + file + ".sha256"))
          .flatMap { String(decoding: $0, as: UTF8.self).split(separator: " ").first.map(String.init) }
        result.append(SnapshotDescription(name: file, created: Self.created(fromSnapshotName: file, collection: name), size: size, sha256: sidecar))
      }
      return result.sorted { $0.name > $1.name }
    } catch {
      throw EngineError.from(error)
    }
  }

  /// Reads a whole snapshot and checks every checksum (files and sidecar).
  ///
  /// - Parameter snapshot: a snapshot name of the collection, or a path to a `.snapshot` file.
  /// - Complexity: O(archive size).
  public func verifySnapshot(_ snapshot: String, of name: String) throws(EngineError) -> SnapshotDescription {
    let path = try snapshotPath(snapshot, collection: name)
    do {
      let manifest = try SnapshotArchive.verify(path: path)
      let size = (try? System.fileSize(path)).flatMap { $0 } ?? 0
      let sidecar = (try? DurableFile.readRequired(path + ".sha256"))
        .flatMap { String(decoding: $0, as: UTF8.self).split(separator: " ").first.map(String.init) }
      return SnapshotDescription(name: Self.lastComponent(path), created: manifest.created, size: size, sha256: sidecar)
    } catch {
      throw EngineError(.corrupted, "snapshot \(Self.lastComponent(path)) failed verification: \(error)")
    }
  }

  /// Deletes a snapshot and its sidecar.
  public func deleteSnapshot(_ snapshot: String, of name: String) throws(EngineError) {
    try requireWritableForSnapshots()
    guard !snapshot.contains("/") else { throw EngineError(.invalidInput, "give a snapshot name, not a path") }
    let path = try snapshotPath(snapshot, collection: name)
    do {
      try System.removeFile(path)
      try System.removeFileIfPresent(path + ".sha256")
      try System.syncDirectory(snapshotFolder(name))
    } catch {
      throw EngineError.from(error)
    }
  }

  /// Restores a snapshot into collection `target` (default: the snapshot's own collection).
  ///
  /// The archive is verified and extracted into a fresh folder and opened before anything
  /// live changes. Replacing an existing collection needs `replace`, and is refused when its
  /// dimension or distance differ from the snapshot's.
  ///
  /// - Complexity: O(archive size).
  public func restoreSnapshot(_ snapshot: String, of name: String, as target: String? = nil, replace: Bool = false)
    throws(EngineError) -> CollectionInfo
  {
    try requireWritableForSnapshots()
    let path = try snapshotPath(snapshot, collection: name)
    let destination = target ?? name
    try CollectionName.validate(destination)
    let collections = directory + "/collections"
    let staging = collections + "/.restore-" + String(System.randomUInt32(), radix: 16)
    do {
      _ = try SnapshotArchive.extract(path: path, into: staging)
    } catch {
      throw EngineError(.corrupted, "snapshot \(Self.lastComponent(path)) was not restored: \(error)")
    }
    do {
      // Open the restored files read-only: every header and checksum is validated here.
      let restored = try CollectionStore(name: destination, directory: staging, readOnly: true)
      let existing = try? self.collection(destination)
      if let existing {
        guard replace else {
          throw EngineError(.alreadyExists, "collection \(destination) exists; restoring over it needs confirmation (--yes)")
        }
        let current = existing.config
        guard current.dimension == restored.config.dimension, current.distance == restored.config.distance else {
          throw EngineError(.invalidInput, "snapshot has \(restored.config.dimension) dimensions and \(restored.config.distance.rawValue) distance; collection \(destination) has \(current.dimension) and \(current.distance.rawValue)")
        }
      }
      try swapIn(staging: staging, as: destination, replacing: existing)
    } catch {
      try? System.removeTree(staging)
      throw EngineError.from(error)
    }
    return try collection(destination).info()
  }

  private func requireWritableForSnapshots() throws(EngineError) {
    if isReadOnly { throw EngineError(.readOnly, "the data directory \(directory) is open read-only") }
  }

  private func snapshotPath(_ snapshot: String, collection: String) throws(EngineError) -> String {
    if snapshot.contains("/") { return snapshot }
    try CollectionName.validate(collection)
    guard snapshot.hasSuffix(".snapshot"), !snapshot.hasPrefix("."), !snapshot.contains("\0") else {
      throw EngineError(.invalidInput, "\(snapshot) is not a snapshot name (…​.snapshot)")
    }
    let path = snapshotFolder(collection) + "/" + snapshot
    guard (try? System.kindOfEntry(path)) == .file else {
      throw EngineError(.notFound, "snapshot \(snapshot) of collection \(collection) does not exist")
    }
    return path
  }

  private static func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  static func created(fromSnapshotName file: String, collection: String) -> String {
    // <collection>-YYYY-MM-DD-HH-MM-SS[-n].snapshot
    let stem = file.dropFirst(collection.count + 1).prefix(19)
    let parts = stem.split(separator: "-")
    guard parts.count == 6 else { return "" }
    return "\(parts[0])-\(parts[1])-\(parts[2])T\(parts[3]):\(parts[4]):\(parts[5])Z"
  }
}
