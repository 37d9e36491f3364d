// Full snapshots: `<data>/snapshots/full-<YYYY-MM-DD-HH-MM-SS>.snapshot` (or the same name in a
// folder the caller chooses) plus a `.sha256` sidecar, holding every collection, each as its own
// consistent cut, and the aliases (layout: `FullSnapshotLayout`).
//
// Restore protocol: verify and extract the whole archive into one fresh hidden folder, open
// every collection in it, check every conflict (existing collections without `replace`, shape
// mismatches, names that are aliases here), and only then swap each collection in by rename
// and write the merged aliases.

import Model

extension Database {
  /// Takes a full snapshot: every collection, each as its own consistent cut, and the aliases.
  ///
  /// Every collection is frozen (its unsealed points sealed, its files pinned) before the
  /// archive is written; writers wait only for their own collection's seal.
  ///
  /// - Parameter directory: An existing folder for the archive and its sidecar; `nil` for
  ///   `<data>/snapshots/`.
  /// - Returns: The new snapshot, with its SHA-256, absolute path and collections.
  /// - Complexity: O(size of every collection's files).
  /// - Throws: ``StoreError``: `readOnly`, `notFound` (folder), `invalidInput` (a collection
  ///   name longer than ``FullSnapshotLayout/maximumCollectionNameLength`` bytes), `io`,
  ///   `diskFull`.
  @discardableResult
  public func createFullSnapshot(in directory: String? = nil) throws(StoreError)
    -> SnapshotDescription
  {
    try requireWritableForSnapshots()
    let names = try collectionNames()
    let limit = FullSnapshotLayout.maximumCollectionNameLength
    if let long = names.first(where: { $0.utf8.count > limit }) {
      throw StoreError(
        .invalidInput,
        "collection \(long) has a \(long.utf8.count)-byte name; a full snapshot holds names of at most \(limit) bytes (snapshot it on its own)"
      )
    }
    let folder = try snapshotDestination(directory, defaultFolder: snapshotsDirectory)
    var frozen: [(collection: VectorCollection, cut: CollectionStore.SnapshotCut)] = []
    defer { for entry in frozen { entry.collection.unpin(entry.cut.files) } }
    for name in names {
      let collection = try self.collection(name)
      frozen.append((collection, try collection.freezeForSnapshot()))
    }
    for (collection, cut) in frozen {
      do {
        try Self.validateCut(cut, in: collection.directory)
      } catch {
        throw StoreError(error.kind, "full snapshot refused: collection \(collection.name): \(error.message)")
      }
    }
    let included = Set(frozen.map(\.collection.name))
    let kept = try aliases().filter { included.contains($0.collection) }
    var sources = [
      SnapshotSource(
        name: FullSnapshotLayout.aliasesEntry,
        content: .bytes(FullSnapshotLayout.encodeAliases(kept)))
    ]
    for (collection, cut) in frozen {
      sources.append(
        SnapshotSource(
          name: FullSnapshotLayout.entryName(
            collection: collection.name, file: CollectionManifest.fileName),
          content: .bytes(cut.manifest)))
      for file in cut.files {
        sources.append(
          SnapshotSource(
            name: FullSnapshotLayout.entryName(collection: collection.name, file: file),
            content: .file(collection.directory + "/" + file)))
      }
    }
    let now = UTCTimestamp(epochSeconds: System.wallClockSeconds)
    let path = Self.unusedArchivePath(in: folder, stem: "full-\(now.fileStamp)")
    do {
      let contents = try SnapshotArchive.write(
        to: path, kind: .full, created: now.rfc3339,
        collections: frozen.map {
          SnapshotManifest.Collection(name: $0.collection.name, config: $0.collection.config.json)
        },
        sources: sources)
      return Self.description(of: contents, at: path)
    } catch {
      throw Self.engineError(error, "full snapshot failed")
    }
  }

  /// The full snapshots in `<data>/snapshots/`, newest first.
  ///
  /// Reads each archive's manifest and sidecar, not the whole archive: ``SnapshotDescription/problem``
  /// reports what these cheap checks find.
  ///
  /// - Complexity: O(number of snapshots × manifest size).
  public func fullSnapshots() throws(StoreError) -> [SnapshotDescription] {
    try listSnapshots(in: snapshotsDirectory) { file in
      Self.created(fromSnapshotName: file, stem: "full")
    }
  }

  /// Swaps in every collection of a verified full snapshot extracted at `staging`, then its
  /// aliases; checks every conflict first (see ``restoreSnapshotFile(at:as:replace:)``).
  func restoreFull(
    _ contents: SnapshotContents, from staging: String, archive: String, replace: Bool
  )
    throws(StoreError) -> [CollectionInfo]
  {
    let manifest = contents.manifest
    let names = manifest.collections.map(\.name)
    let currentNames = Set(try collectionNames())
    let currentAliases = Dictionary(
      uniqueKeysWithValues: try aliases().map { ($0.alias, $0.collection) })

    // Conflicts that no confirmation resolves.
    if let clash = names.first(where: { currentAliases[$0] != nil }) {
      throw Self.aliasClash(clash, archive: archive, full: true)
    }
    if let clash = contents.aliases.keys.sorted().first(where: {
      currentNames.contains($0) && !names.contains($0)
    }) {
      throw StoreError(
        .invalidInput,
        "snapshot \(archive) has an alias \(clash), which is a collection here; drop or rename that collection first"
      )
    }
    let merged = currentAliases.merging(contents.aliases) { _, new in new }.count
    if merged > Self.maximumAliases {
      throw StoreError(
        .invalidInput,
        "snapshot \(archive): restoring its aliases would leave \(merged) aliases, over the cap of \(Self.maximumAliases); drop some first"
      )
    }
    let existing = names.filter { currentNames.contains($0) }
    if !existing.isEmpty && !replace { throw Self.needsConfirmation(existing) }
    // Every collection opens (every file validated), agrees with the manifest and fits the
    // collection it replaces.
    var replaced: [String: VectorCollection] = [:]
    for entry in manifest.collections {
      let folder = Self.stagedFolder(staging, entry.name)
      let restored = try Self.openCandidate(folder, as: entry.name)
      guard (try? CollectionConfig(json: entry.config)) == restored else {
        throw StoreError(
          .corrupted,
          "snapshot \(archive): the manifest's configuration of \(entry.name) differs from the collection's own"
        )
      }
      if currentNames.contains(entry.name) {
        let current = try collection(entry.name)
        try Self.requireSameShape(current.config, restored, collection: entry.name)
        replaced[entry.name] = current
      }
    }

    var swapped: [SwappedFolder] = []
    do throws(StoreError) {
      for name in names {
        swapped.append(try swapIn(staging: Self.stagedFolder(staging, name), as: name, replacing: replaced[name]))
      }
    } catch {
      // Put back what was swapped before the failure.
      return try completeSwaps(swapped) { () throws(StoreError) -> [CollectionInfo] in throw error }
    }
    return try completeSwaps(swapped) { () throws(StoreError) -> [CollectionInfo] in
      var infos: [CollectionInfo] = []
      for name in names.sorted() { infos.append(try collection(name).info()) }
      try restoreAliases(contents.aliases)
      return infos
    }
  }

  private static func stagedFolder(_ staging: String, _ collection: String) -> String {
    staging + "/" + FullSnapshotLayout.collectionsFolder + "/" + collection
  }
}
