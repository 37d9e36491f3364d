import Synchronization
import Model

/// An open data directory: the embedded engine's entry point.
///
/// Layout: `LOCK`, `aliases.json`, and `collections/<name>/` with each collection's
/// `MANIFEST`, WAL files and segment files. Files are 0600, folders 0700. A read-write
/// database holds the directory's lock; a second writer gets ``StoreError/Kind/locked``.
/// Collections open on first use.
public final class Database: Sendable {
  /// The data directory.
  public let directory: String
  /// Whether writes are refused (no lock is taken).
  public let isReadOnly: Bool
  /// The engine's version.
  public static let engineVersion = "0.1.0"

  private let lock: LockFile?
  let state: Mutex<State>

  /// What the database holds open, guarded by `state`.
  struct State {
    var open: [String: VectorCollection] = [:]
    /// The aliases in use; empty while ``aliasProblem`` is set.
    var aliases: [String: String] = [:]
    /// Why `aliases.json` is not trusted (damaged, or breaking a rule); aliases are then
    /// ignored and not rewritten until the file is repaired.
    var aliasProblem: StoreError?
  }

  var collectionsDirectory: String { directory + "/collections" }

  /// Opens (creating if needed) the data directory.
  ///
  /// - Parameter readOnly: open without the lock; writes are refused.
  /// - Throws: ``StoreError``: `locked` when another process writes here; `io`, `corrupted`.
  public init(directory: String, readOnly: Bool = false) throws(StoreError) {
    self.directory = directory
    self.isReadOnly = readOnly
    do {
      if !readOnly {
        try DurableFile.makeDirectories(directory + "/collections")
      } else if try System.kindOfEntry(directory) != .directory {
        throw StoreError(.notFound, "data directory \(directory) does not exist")
      }
    } catch let error as SystemError {
      throw StoreError.from(error)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(.io, "\(error)")
    }
    lock = readOnly ? nil : try LockFile(dataDirectory: directory)
    state = Mutex(State())
    if !readOnly { try removeLeftovers() }
    loadAliases()
  }

  private func removeLeftovers() throws(StoreError) {
    do {
      try DurableFile.removeLeftovers(in: directory)
      for name in try System.listDirectory(collectionsDirectory) where name.hasPrefix(".") {
        try System.removeTree(collectionsDirectory + "/" + name)
      }
      // Archives and sidecars of snapshots interrupted before they were published.
      guard try System.kindOfEntry(snapshotsDirectory) == .directory else { return }
      var folders = [snapshotsDirectory]
      for name in try System.listDirectory(snapshotsDirectory) where !name.hasPrefix(".") {
        if try System.kindOfEntry(snapshotsDirectory + "/" + name) == .directory {
          folders.append(snapshotsDirectory + "/" + name)
        }
      }
      for folder in folders {
        for name in try System.listDirectory(folder) where name.hasPrefix(DurableFile.temporaryPrefix) {
          try System.removeTree(folder + "/" + name)
        }
      }
    } catch {
      throw StoreError.from(error)
    }
  }

  // MARK: Collections

  /// The names of every collection, sorted: the folders of `collections/` with valid names.
  ///
  /// Anything else there is left alone and reported by ``problems``.
  public func collectionNames() throws(StoreError) -> [String] {
    try listCollectionsFolder().names
  }

  /// What is wrong in the data directory but does not stop the rest from working: entries of
  /// `collections/` that are not collections, a damaged `aliases.json`. Sentences.
  public var problems: [String] {
    var found = ((try? listCollectionsFolder())?.strays ?? [])
    if let aliasProblem = state.withLock({ $0.aliasProblem }) {
      found.append("\(aliasProblem.message); aliases are ignored until it is repaired")
    }
    return found
  }

  /// Splits `collections/` into collection folders and strays (with why each is one).
  private func listCollectionsFolder() throws(StoreError) -> (names: [String], strays: [String]) {
    do {
      guard try System.kindOfEntry(collectionsDirectory) == .directory else { return ([], []) }
      var names: [String] = []
      var strays: [String] = []
      for entry in try System.listDirectory(collectionsDirectory).sorted() where !entry.hasPrefix(".") {
        let shown = "collections/" + SnapshotError.escapedName(entry)
        guard try System.kindOfEntry(collectionsDirectory + "/" + entry) == .directory else {
          strays.append("\(shown) is not a collection folder; it was left alone")
          continue
        }
        do {
          try CollectionName.validate(entry)
          names.append(entry)
        } catch {
          strays.append("\(shown) is not a valid collection name (\(error.message)); rename the folder to read it")
        }
      }
      return (names, strays)
    } catch {
      throw StoreError.from(error)
    }
  }

  /// Creates a collection.
  ///
  /// - Throws: ``StoreError`` `invalidInput` (name or config), `alreadyExists`.
  @discardableResult
  public func createCollection(_ name: String, config: CollectionConfig) throws(StoreError) -> VectorCollection {
    try requireWritable()
    let name = CollectionName.normalized(name)
    try CollectionName.validate(name)
    try config.validate()
    return try state.withLock { state in
      Result { () throws(StoreError) -> VectorCollection in
        if state.aliases[name] != nil {
          throw StoreError(.alreadyExists, "\(name) is already an alias; choose another collection name")
        }
        let final = collectionsDirectory + "/" + name
        do {
          if try System.kindOfEntry(final) != nil {
            throw StoreError(.alreadyExists, "collection \(name) already exists")
          }
          // A folder whose name differs only in Unicode form would be a second folder for
          // what every lookup treats as the same name.
          if try System.listDirectory(collectionsDirectory).contains(where: { CollectionName.normalized($0) == name }) {
            throw StoreError(.alreadyExists, "a collection folder with the same name in another Unicode form exists")
          }
          let temporary = collectionsDirectory + "/.create-" + String(System.randomUInt32(), radix: 16)
          try System.makeDirectory(temporary)
          do {
            try CollectionStore.createFiles(in: temporary, config: config)
            try System.syncDirectory(temporary)
            try System.rename(temporary, to: final)
            try System.syncDirectory(collectionsDirectory)
          } catch {
            try? System.removeTree(temporary)
            throw error
          }
        } catch let error as SystemError {
          throw StoreError.from(error)
        } catch let error as StoreError {
          throw error
        } catch {
          throw StoreError(.io, "\(error)")
        }
        let collection = VectorCollection(store: try CollectionStore(name: name, directory: final, readOnly: false))
        state.open[name] = collection
        return collection
      }
    }.get()
  }

  /// The collection named `name`, or the one the alias `name` points at.
  ///
  /// - Throws: ``StoreError`` `notFound`, or an error opening its files.
  public func collection(_ name: String) throws(StoreError) -> VectorCollection {
    let name = CollectionName.normalized(name)
    return try state.withLock { state in
      Result { () throws(StoreError) -> VectorCollection in
        let resolved = state.aliases[name] ?? name
        if let open = state.open[resolved] { return open }
        try CollectionName.validate(resolved)
        let path = collectionsDirectory + "/" + resolved
        guard (try? System.kindOfEntry(path)) == .directory else {
          throw StoreError(.notFound, "collection \(name) does not exist")
        }
        let collection = VectorCollection(
          store: try CollectionStore(name: resolved, directory: path, readOnly: isReadOnly))
        state.open[resolved] = collection
        return collection
      }
    }.get()
  }

  /// Deletes a collection and the aliases pointing at it.
  public func dropCollection(_ name: String) throws(StoreError) {
    try requireWritable()
    let name = CollectionName.normalized(name)
    try CollectionName.validate(name)
    try state.withLock { state in
      Result { () throws(StoreError) in
        let path = collectionsDirectory + "/" + name
        guard (try? System.kindOfEntry(path)) == .directory else {
          throw StoreError(.notFound, "collection \(name) does not exist")
        }
        var aliases = state.aliases
        aliases = aliases.filter { $0.value != name }
        if aliases != state.aliases {
          try writeAliases(aliases, state: state)
          state.aliases = aliases
        }
        do {
          let trash = collectionsDirectory + "/.drop-" + String(System.randomUInt32(), radix: 16)
          try System.rename(path, to: trash)
          try System.syncDirectory(collectionsDirectory)
          state.open.removeValue(forKey: name)?.markDropped()
          try System.removeTree(trash)
        } catch {
          throw StoreError.from(error)
        }
      }
    }.get()
  }

  /// A collection folder swapped in by a restore, and how to undo that.
  struct SwappedFolder {
    /// The collection.
    var name: String
    /// Where the folder it replaced now is (`nil`: there was none).
    var replacedAt: String?
    /// Where the restored folder came from.
    var staging: String
  }

  /// Moves a verified, extracted collection folder into place, keeping the folder it
  /// replaces (at `staging`) until ``finishSwap(_:)`` or ``undoSwap(_:)``.
  func swapIn(staging: String, as name: String, replacing existing: VectorCollection?) throws(StoreError)
    -> SwappedFolder
  {
    try state.withLock { state in
      Result { () throws(StoreError) -> SwappedFolder in
        guard state.aliases[name] == nil else {
          throw StoreError(.invalidInput, "\(name) is an alias; restore into the collection it names")
        }
        let final = collectionsDirectory + "/" + name
        do {
          if existing != nil {
            // One atomic exchange: a crash leaves either the old or the restored folder in
            // place, never neither; the hidden folder left behind is removed on next open.
            try System.exchange(staging, final)
            try System.syncDirectory(collectionsDirectory)
            state.open.removeValue(forKey: name)?.markDropped()
            return SwappedFolder(name: name, replacedAt: staging, staging: staging)
          }
          try System.rename(staging, to: final)
          try System.syncDirectory(collectionsDirectory)
          return SwappedFolder(name: name, replacedAt: nil, staging: staging)
        } catch {
          throw StoreError.from(error)
        }
      }
    }.get()
  }

  /// Removes the folder a swap replaced: the restore is final.
  func finishSwap(_ swapped: SwappedFolder) {
    if let replacedAt = swapped.replacedAt { try? System.removeTree(replacedAt) }
  }

  /// Puts back what a swap replaced (or removes what it added), after a later step failed.
  ///
  /// - Throws: ``StoreError`` when the folders could not be moved back; the message says
  ///   where each one is.
  func undoSwap(_ swapped: SwappedFolder) throws(StoreError) {
    try state.withLock { state in
      Result { () throws(StoreError) in
        let final = collectionsDirectory + "/" + swapped.name
        state.open.removeValue(forKey: swapped.name)?.markDropped()
        do {
          if let replacedAt = swapped.replacedAt {
            try System.exchange(replacedAt, final)
          } else {
            try System.rename(final, to: swapped.staging)
          }
          try System.syncDirectory(collectionsDirectory)
        } catch {
          throw StoreError(
            .io,
            "could not put collection \(swapped.name) back as it was (\(error)); the previous data is in \(swapped.replacedAt ?? "(none)")"
          )
        }
      }
    }.get()
  }

  /// Moves the damaged part of a collection's write-ahead log aside (the files are kept as
  /// `wal-….log.damaged-N`) so the collection opens for writing with the intact records
  /// before the damage; the operator's choice after a damaged-log refusal.
  ///
  /// - Returns: The files moved aside; `[]` when the log has no damage.
  /// - Complexity: O(size of the log).
  /// - Throws: ``StoreError``: `readOnly`, `notFound`, `corrupted` for damage elsewhere.
  public func setAsideDamagedLog(of name: String) throws(StoreError) -> [String] {
    try requireWritable()
    let name = CollectionName.normalized(name)
    try CollectionName.validate(name)
    return try state.withLock { state in
      Result { () throws(StoreError) -> [String] in
        guard state.open[name] == nil else { return [] }  // it opened: nothing is damaged
        let path = collectionsDirectory + "/" + name
        guard (try? System.kindOfEntry(path)) == .directory else {
          throw StoreError(.notFound, "collection \(name) does not exist")
        }
        let probe = try CollectionStore(name: name, directory: path, readOnly: true)
        guard let damage = probe.logDamage else { return [] }
        return try WriteAheadLog.setAsideDamage(directory: path, from: probe.manifest.walStart, damage: damage)
      }
    }.get()
  }

  // MARK: Lifecycle

  /// Repairs made while opening the collections opened so far.
  public var recoveryNotes: [String] {
    state.withLock { state in state.open.values.flatMap(\.recoveryNotes) }
  }

  /// Seals large unsealed segments so the next open is fast; call before exiting.
  ///
  /// Every open collection is closed even when one fails. A failure here loses nothing: what
  /// was acknowledged is in the write-ahead log, and the seal is retried later.
  ///
  /// The lock is released when the database is deallocated.
  ///
  /// - Throws: ``StoreError`` of the first failure's kind, naming each collection that could
  ///   not be sealed and why.
  public func close() throws(StoreError) {
    let open = state.withLock { $0.open.values.sorted { $0.name < $1.name } }
    var failures: [StoreError] = []
    for collection in open {
      do {
        try collection.close()
      } catch {
        failures.append(StoreError(error.kind, "collection \(collection.name): \(error.message)"))
      }
    }
    guard let first = failures.first else { return }
    throw StoreError(first.kind, failures.map(\.message).joined(separator: "; "))
  }

  private func requireWritable() throws(StoreError) {
    if isReadOnly { throw StoreError(.readOnly, "the data directory \(directory) is open read-only") }
  }
}
