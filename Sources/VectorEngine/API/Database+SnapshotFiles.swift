// Snapshot files by path, of either kind: verify, restore, delete.

import Model

extension Database {
  /// Reads a whole snapshot file of either kind and checks everything: every header, the
  /// manifest, every file's SHA-256, a full snapshot's layout and aliases, and the sidecar when
  /// there is one.
  ///
  /// - Parameter path: The `.snapshot` file.
  /// - Returns: The snapshot, with the SHA-256 computed from the archive and its absolute path.
  /// - Complexity: O(archive size).
  /// - Throws: ``StoreError``: `notFound`, `corrupted` naming the entry and the problem, `io`.
  public func verifySnapshotFile(at path: String) throws(StoreError) -> SnapshotDescription {
    let resolved = try existingSnapshotFile(path)
    do {
      let contents = try SnapshotArchive.check(path: resolved)
      try SnapshotContentCheck.validate(archive: resolved, contents: contents)
      return Self.description(of: contents, at: resolved)
    } catch {
      throw Self.engineError(error, "snapshot \(Self.lastComponent(resolved)) failed verification")
    }
  }

  /// Restores a snapshot file of either kind.
  ///
  /// Nothing live changes until the whole archive is verified, extracted into a fresh hidden
  /// folder and every collection in it opened (every file validated).
  /// - A collection snapshot goes into `target` (default: the collection it was taken of);
  ///   replacing an existing collection needs `replace` and the same dimension and distance.
  /// - A full snapshot restores every collection under its own name (`target` must be `nil`)
  ///   and its aliases. Existing collections it holds are replaced only with `replace`, and
  ///   only when every one of them has the snapshot's dimension and distance; these checks all
  ///   pass before the first collection is swapped in. Each collection is swapped in by one
  ///   atomic rename, then the aliases are written: a crash part-way leaves each collection
  ///   either as it was or as restored.
  ///
  /// - Returns: The restored collections, sorted by name.
  /// - Complexity: O(archive size).
  /// - Throws: ``StoreError``: `readOnly`, `notFound`, `corrupted`, `alreadyExists` (naming
  ///   the collections), `invalidInput` (a target for a full snapshot, a shape mismatch, a
  ///   name clash with an alias), `io`, `diskFull`.
  public func restoreSnapshotFile(at path: String, as target: String? = nil, replace: Bool = false)
    throws(StoreError) -> [CollectionInfo]
  {
    try requireWritableForSnapshots()
    let resolved = try existingSnapshotFile(path)
    let name = Self.lastComponent(resolved)
    let manifest: SnapshotManifest
    do {
      manifest = try SnapshotArchive.readManifest(path: resolved).manifest
    } catch {
      throw Self.engineError(error, "snapshot \(name) was not restored")
    }
    if let target {
      guard manifest.kind == .collection else {
        throw StoreError(
          .invalidInput,
          "\(name) is a full snapshot: it restores every collection under its own name, so it takes no target"
        )
      }
      try CollectionName.validate(target)
    }
    try refuseConflicts(manifest, target: target, replace: replace, archive: name)
    let staging = collectionsDirectory + "/.restore-" + String(System.randomUInt32(), radix: 16)
    let contents: SnapshotContents
    do {
      contents = try SnapshotArchive.extractContents(path: resolved, into: staging)
    } catch {
      throw Self.engineError(error, "snapshot \(name) was not restored")
    }
    defer { try? System.removeTree(staging) }
    do {
      try SnapshotContentCheck.validate(archive: resolved, contents: contents)
    } catch {
      throw Self.engineError(error, "snapshot \(name) was not restored")
    }
    switch contents.manifest.kind {
    case .collection:
      let destination = target ?? contents.manifest.collection
      try CollectionName.validate(destination)
      return [try restoreCollection(from: staging, as: destination, replace: replace)]
    case .full:
      return try restoreFull(contents, from: staging, archive: name, replace: replace)
    }
  }

  /// Deletes a snapshot file (any `.snapshot` file) and its sidecar, then syncs the folder.
  ///
  /// - Throws: ``StoreError``: `readOnly`, `notFound`, `invalidInput` when the path does not
  ///   name a `.snapshot` file, `io`.
  public func deleteSnapshotFile(at path: String) throws(StoreError) {
    try requireWritableForSnapshots()
    let resolved = try existingSnapshotFile(path)
    do {
      try System.removeFile(resolved)
      try System.removeFileIfPresent(resolved + SnapshotArchive.sidecarSuffix)
      try System.syncDirectory(SnapshotArchive.split(resolved).directory)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Refuses, from the manifest alone, what the verified archive would be refused for anyway
  /// (existing collections without `replace`, a shape mismatch, a collection name that is an
  /// alias here), so that a refusal does not wait for the whole archive to be read. Every
  /// check is made again on the verified, extracted archive.
  private func refuseConflicts(
    _ manifest: SnapshotManifest, target: String?, replace: Bool, archive: String
  ) throws(StoreError) {
    let destinations =
      manifest.kind == .full
      ? manifest.collections : [.init(name: target ?? manifest.collection, config: manifest.config)]
    let aliasNames = Set(try aliases().map(\.alias))
    if let clash = destinations.first(where: { aliasNames.contains($0.name) }) {
      throw Self.aliasClash(clash.name, archive: archive, full: manifest.kind == .full)
    }
    let current = Set(try collectionNames())
    let existing = destinations.filter { current.contains($0.name) }
    guard replace || existing.isEmpty else {
      throw Self.needsConfirmation(existing.map(\.name))
    }
    for entry in existing {
      guard let config = try? CollectionConfig(json: entry.config) else { continue }
      try Self.requireSameShape(try collection(entry.name).config, config, collection: entry.name)
    }
  }

  /// Restoring over existing collections needs `replace`.
  static func needsConfirmation(_ names: [String]) -> StoreError {
    if names.count == 1 {
      return StoreError(
        .alreadyExists,
        "collection \(names[0]) exists; restoring over it needs confirmation (--yes)")
    }
    return StoreError(
      .alreadyExists,
      "collections \(names.joined(separator: ", ")) exist; restoring over them needs confirmation (--yes)"
    )
  }

  /// A snapshot's collection would take the name of an alias.
  static func aliasClash(_ name: String, archive: String, full: Bool) -> StoreError {
    if full {
      return StoreError(
        .invalidInput,
        "snapshot \(archive) holds collection \(name), which is an alias here; drop the alias first"
      )
    }
    return StoreError(.invalidInput, "\(name) is an alias; restore into the collection it names")
  }

  /// Swaps the extracted collection at `staging` in as `destination`.
  private func restoreCollection(from staging: String, as destination: String, replace: Bool)
    throws(StoreError) -> CollectionInfo
  {
    let restored = try Self.openCandidate(staging, as: destination)
    let existing = try? collection(destination)
    if let existing {
      guard replace else { throw Self.needsConfirmation([destination]) }
      try Self.requireSameShape(existing.config, restored, collection: destination)
    }
    let swapped = try swapIn(staging: staging, as: destination, replacing: existing)
    return try completeSwaps([swapped]) { () throws(StoreError) in try [collection(destination).info()] }[0]
  }

  /// Checks a frozen collection's files as a snapshot of them will be checked
  /// (``CollectionFileSet``), so that damaged bytes are refused before they are archived.
  ///
  /// - Complexity: O(size of the collection's files).
  /// - Throws: ``StoreError`` `corrupted` naming the file and the problem, `io`.
  static func validateCut(_ cut: CollectionStore.SnapshotCut, in folder: String) throws(StoreError) {
    var regions: [MappedRegion] = []
    var files: [String: UnsafeRawBufferPointer] = [:]
    do throws(SystemError) {
      for name in cut.files {
        let region = try MappedRegion(path: folder + "/" + name, populate: false)
        regions.append(region)
        files[name] = region.bytes
      }
    } catch {
      throw StoreError.from(error)
    }
    try cut.manifest.withUnsafeBytes { manifest in
      files[CollectionManifest.fileName] = manifest
      return withExtendedLifetime(regions) {
        Result { () throws(StoreError) in _ = try CollectionFileSet.validate(files, folder: folder) }
      }
    }.get()
  }

  /// Opens an extracted collection folder exactly as the live open will (for writing:
  /// leftovers removed, a log created) with every checksum of every file checked, then closes
  /// it, so that nothing the swap would bring in can fail to open afterwards.
  ///
  /// - Returns: The collection's configuration.
  /// - Complexity: O(size of the collection's files).
  static func openCandidate(_ folder: String, as name: String) throws(StoreError) -> CollectionConfig {
    let store = try CollectionStore(name: name, directory: folder, readOnly: false, logMayBeMissing: true)
    try store.verifyEverything()
    try store.close()
    return store.config
  }

  /// Runs what follows the swaps (opening the restored collections, writing aliases); on
  /// success removes the replaced folders, on failure puts every swapped folder back.
  func completeSwaps<R>(_ swapped: [SwappedFolder], _ body: () throws(StoreError) -> R) throws(StoreError) -> R {
    do {
      let result = try body()
      for folder in swapped { finishSwap(folder) }
      return result
    } catch {
      var notes: [String] = []
      for folder in swapped.reversed() {
        do {
          try undoSwap(folder)
        } catch let undo {
          notes.append(undo.message)
        }
      }
      let outcome = notes.isEmpty ? "nothing was changed" : notes.joined(separator: "; ")
      throw StoreError(error.kind, "\(error.message); the restore was undone: \(outcome)")
    }
  }

  /// Refuses to replace a collection by one of another dimension or distance.
  static func requireSameShape(
    _ current: CollectionConfig, _ restored: CollectionConfig, collection: String
  )
    throws(StoreError)
  {
    guard current.dimension == restored.dimension, current.distance == restored.distance else {
      throw StoreError(
        .invalidInput,
        "snapshot has \(restored.dimension) dimensions and \(restored.distance.rawValue) distance; collection \(collection) has \(current.dimension) and \(current.distance.rawValue)"
      )
    }
  }

  /// The absolute path of an existing `.snapshot` file; a symbolic link is refused, so a
  /// deletion never reaches another file through one.
  private func existingSnapshotFile(_ path: String) throws(StoreError) -> String {
    guard path.hasSuffix(".snapshot"), !path.contains("\0") else {
      throw StoreError(.invalidInput, "\(path) is not a .snapshot file")
    }
    do {
      switch try System.kindOfEntry(path) {
      case nil: throw StoreError(.notFound, "snapshot file \(path) does not exist")
      case .file?: break
      default: throw StoreError(.invalidInput, "\(path) is not a regular file")
      }
      let (folder, file) = SnapshotArchive.split(path)
      let base = try System.resolvedPath(folder)
      return (base == "/" ? "" : base) + "/" + file
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.from(error)
    }
  }
}
